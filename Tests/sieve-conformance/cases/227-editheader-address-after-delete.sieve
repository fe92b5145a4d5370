require "editheader"; deleteheader "cc"; if address :domain :is "cc" "college-exemple.fr" { discard; }
