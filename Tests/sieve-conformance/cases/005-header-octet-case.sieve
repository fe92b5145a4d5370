if header :comparator "i;octet" :contains "subject" "supprimee" { discard; }
