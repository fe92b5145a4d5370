if header :matches "subject" "[Parents]*" { discard; }
