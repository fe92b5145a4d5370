require "body"; if body :content "text" :contains "version texte" { discard; }
