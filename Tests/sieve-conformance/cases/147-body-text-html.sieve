require "body"; if body :text :contains "version html" { discard; }
