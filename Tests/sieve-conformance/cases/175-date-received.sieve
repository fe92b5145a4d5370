require ["date", "variables", "fileinto"]; if date :originalzone :matches "received" "time" "*" { fileinto "${1}"; }
