require ["spamtest"]; if spamtest :percent "75" { discard; }
