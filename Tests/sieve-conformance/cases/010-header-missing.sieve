if header :contains "x-nothing" "" { discard; }
