require ["relational", "comparator-i;ascii-numeric", "subaddress", "fileinto"]; if address :detail :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "4" { fileinto "Four"; }
