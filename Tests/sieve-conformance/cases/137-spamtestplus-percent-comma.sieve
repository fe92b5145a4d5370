require ["spamtestplus", "relational", "comparator-i;ascii-numeric"]; if spamtest :percent :value "eq" :comparator "i;ascii-numeric" "32" { discard; }
