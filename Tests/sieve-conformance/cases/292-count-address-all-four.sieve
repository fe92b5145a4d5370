require ["relational", "comparator-i;ascii-numeric", "subaddress", "fileinto"]; if address :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "4" { fileinto "Four"; }
