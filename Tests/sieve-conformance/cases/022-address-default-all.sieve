if address "from" "SUPPORT-informatique@academie-securite.example" { discard; }
