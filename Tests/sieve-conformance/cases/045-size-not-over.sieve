if size :over 1M { discard; }
