if address :is "to" "marc.lefevre+reunions@college-exemple.fr" { discard; }
