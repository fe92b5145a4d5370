require "body"; if body :text :contains "<b>" { discard; }
