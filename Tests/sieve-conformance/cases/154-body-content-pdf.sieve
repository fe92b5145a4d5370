require "body"; if body :content "application/pdf" :contains "PDF" { discard; }
