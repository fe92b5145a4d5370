require ["imap4flags", "relational", "comparator-i;ascii-numeric"]; addflag "a b c"; if hasflag :count "ge" :comparator "i;ascii-numeric" "3" { discard; }
