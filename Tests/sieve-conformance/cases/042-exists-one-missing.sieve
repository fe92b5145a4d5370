if exists ["list-id", "x-nothing"] { discard; }
