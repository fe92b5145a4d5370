require ["date", "relational"]; if date :value "lt" "date" "date" "2026-11-25" { discard; }
