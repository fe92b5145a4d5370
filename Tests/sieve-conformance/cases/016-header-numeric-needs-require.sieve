if header :comparator "i;ascii-numeric" :is "x-priority" "2" { discard; }
