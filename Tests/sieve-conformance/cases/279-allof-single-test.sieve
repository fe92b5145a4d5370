if allof true { discard; }
