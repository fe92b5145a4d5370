require "body"; if body :content "multipart" :contains "fin du message" { discard; }
