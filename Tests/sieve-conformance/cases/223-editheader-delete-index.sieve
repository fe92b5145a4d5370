require ["editheader", "index"]; deleteheader :index 1 "x-campaign"; if header :is "x-campaign" "2027-maths" { discard; }
