require "index"; if address :index 1 :domain :is "cc" "college-exemple.fr" { discard; }
