require "regex"; if header :regex "x-priority" "^[1-2]$" { discard; }
