require ["relational", "comparator-i;ascii-numeric", "subaddress", "fileinto"]; if address :user :count "eq" :comparator "i;ascii-numeric" "bcc" "0" { fileinto "Zero"; }
