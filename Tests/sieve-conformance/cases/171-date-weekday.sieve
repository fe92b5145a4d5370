require "date"; if date :is "date" "weekday" "4" { discard; }
