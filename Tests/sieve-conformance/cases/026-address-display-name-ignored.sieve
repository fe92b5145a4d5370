if address :contains "from" "Service informatique" { discard; }
