if header :is "x-campaign" "relance" { discard; }
