require "body"; if body :is "x" { discard; }
