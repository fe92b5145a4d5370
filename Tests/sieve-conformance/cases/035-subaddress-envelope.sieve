require ["subaddress", "envelope"]; if envelope :detail "to" "profs" { discard; }
