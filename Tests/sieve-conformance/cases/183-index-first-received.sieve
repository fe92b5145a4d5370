require "index"; if header :index 1 :is "x-campaign" "2027-maths" { discard; }
