require ["date", "index"]; if date :originalzone :index 1 "received" "hour" "09" { discard; }
