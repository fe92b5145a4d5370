require "body"; if body :contains "version texte" { discard; }
