require "body"; if body :raw :contains "d=E9pass=E9" { discard; }
