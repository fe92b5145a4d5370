require "date"; if date :is "x-nothing" "year" "2026" { discard; }
