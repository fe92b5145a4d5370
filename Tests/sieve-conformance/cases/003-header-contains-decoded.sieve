if header :contains "subject" "rentrée" { discard; }
