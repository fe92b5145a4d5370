if header :matches "subject" "cr?n" { discard; }
