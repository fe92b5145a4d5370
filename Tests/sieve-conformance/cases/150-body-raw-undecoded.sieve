require "body"; if body :raw :contains "=C3=A9l=C3=A8ve" { discard; }
