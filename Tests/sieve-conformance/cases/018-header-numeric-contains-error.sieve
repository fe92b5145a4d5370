require "comparator-i;ascii-numeric"; if header :comparator "i;ascii-numeric" :contains "x-priority" "2" { discard; }
