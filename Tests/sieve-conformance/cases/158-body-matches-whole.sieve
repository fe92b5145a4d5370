require "body"; if body :matches "x*" { discard; }
