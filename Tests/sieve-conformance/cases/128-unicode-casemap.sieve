require "comparator-i;unicode-casemap"; if header :comparator "i;unicode-casemap" :contains "subject" "RENTRÉE" { discard; }
