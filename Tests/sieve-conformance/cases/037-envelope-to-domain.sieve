require "envelope"; if envelope :domain :is "to" "college-exemple.fr" { discard; }
