if size :under 1K { discard; }
