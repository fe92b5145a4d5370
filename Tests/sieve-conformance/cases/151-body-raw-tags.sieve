require "body"; if body :raw :contains "<b>html</b>" { discard; }
