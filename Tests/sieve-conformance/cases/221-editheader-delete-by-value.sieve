require "editheader"; deleteheader :contains "cc" "vie.scolaire"; if header :contains "cc" "direction" { discard; }
