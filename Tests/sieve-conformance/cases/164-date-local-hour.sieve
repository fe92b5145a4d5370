require "date"; if date :is "date" "hour" "08" { discard; }
