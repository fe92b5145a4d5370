require "index"; if header :index 3 :contains "x-campaign" "" { discard; }
