require "index"; if header :last :is "x-campaign" "relance" { discard; }
