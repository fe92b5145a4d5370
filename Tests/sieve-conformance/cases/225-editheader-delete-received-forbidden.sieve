require "editheader"; deleteheader "received"; if exists "received" { discard; }
