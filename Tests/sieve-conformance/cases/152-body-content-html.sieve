require "body"; if body :content "text/html" :contains "<b>html</b>" { discard; }
