require ["duplicate", "variables"]; if header :matches "subject" "*" { if duplicate :uniqueid "${1}" :last { discard; } }
