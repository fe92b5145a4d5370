if header :contains "received" "imap.college-exemple.fr; Thu" { discard; }
