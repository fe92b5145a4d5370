require ["regex", "comparator-i;ascii-numeric"]; if header :regex :comparator "i;ascii-numeric" "x-priority" "2" { discard; }
