require "body"; if body :text :contains "élève" { discard; }
