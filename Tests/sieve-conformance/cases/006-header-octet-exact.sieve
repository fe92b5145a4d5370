if header :comparator "i;octet" :contains "subject" "SUPPRIMEE" { discard; }
