require "duplicate"; if not duplicate { discard; }
