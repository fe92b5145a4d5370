require ["relational", "comparator-i;ascii-numeric", "subaddress", "fileinto"]; if address :domain :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "5" { fileinto "Five"; }
