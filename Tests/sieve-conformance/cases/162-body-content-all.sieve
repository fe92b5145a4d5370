require "body"; if body :content "" :contains "version html" { discard; }
