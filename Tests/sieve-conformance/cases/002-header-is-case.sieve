if header :is "X-PRIORITY" "2" { discard; }
