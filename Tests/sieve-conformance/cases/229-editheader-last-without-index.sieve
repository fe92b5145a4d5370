require "editheader"; deleteheader :last "subject"; if exists "subject" { discard; }
