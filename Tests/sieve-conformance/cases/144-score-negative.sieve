require ["vnd.mailsift.score", "spamtestplus", "relational", "comparator-i;ascii-numeric"]; addscore "-3" "KNOWN_LIST"; if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "0" { discard; }
