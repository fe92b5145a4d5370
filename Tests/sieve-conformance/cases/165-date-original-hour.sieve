require "date"; if date :originalzone :is "date" "hour" "09" { discard; }
