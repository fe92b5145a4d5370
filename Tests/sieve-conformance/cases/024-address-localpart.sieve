if address :localpart :is "to" "jeanne.dupont" { discard; }
