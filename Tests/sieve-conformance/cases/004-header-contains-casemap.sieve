if header :contains "subject" "supprimee" { discard; }
