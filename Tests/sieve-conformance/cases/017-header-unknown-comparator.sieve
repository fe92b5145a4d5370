if header :comparator "i;klingon" :is "x-priority" "2" { discard; }
