require "index"; if header :index 1 :last :is "x-campaign" "relance" { discard; }
