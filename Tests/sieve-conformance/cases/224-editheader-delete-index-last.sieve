require ["editheader", "index"]; deleteheader :index 1 :last "x-campaign"; if header :is "x-campaign" "relance" { discard; }
