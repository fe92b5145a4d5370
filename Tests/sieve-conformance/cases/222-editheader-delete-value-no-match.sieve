require "editheader"; deleteheader :contains "cc" "nobody"; if header :contains "cc" "direction" { discard; }
