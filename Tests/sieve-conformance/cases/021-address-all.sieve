if address :is "from" "support-informatique@academie-securite.example" { discard; }
