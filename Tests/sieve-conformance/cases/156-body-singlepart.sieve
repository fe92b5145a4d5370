require "body"; if body :contains "dépassé" { discard; }
