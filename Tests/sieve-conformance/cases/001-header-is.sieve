if header :is "x-priority" "2" { discard; }
