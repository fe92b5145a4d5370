require ["date", "relational", "comparator-i;ascii-numeric"]; if currentdate :value "ge" :comparator "i;ascii-numeric" "year" "2025" { discard; }
