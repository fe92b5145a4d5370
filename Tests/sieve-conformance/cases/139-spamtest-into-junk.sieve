require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto", "imap4flags"]; if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { addflag "$Junk"; fileinto "Spam"; stop; }
