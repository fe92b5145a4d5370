if size :over 100 { discard; }
