if spamtest "7" { discard; }
