if size 10 { discard; }
