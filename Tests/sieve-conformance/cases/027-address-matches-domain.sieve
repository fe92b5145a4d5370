if address :domain :matches "from" "*.example" { discard; }
