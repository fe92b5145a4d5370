require "editheader"; deleteheader "subject"; if exists "subject" { discard; }
