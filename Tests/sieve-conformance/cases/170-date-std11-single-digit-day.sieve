require ["date", "variables", "fileinto"]; if date :matches "date" "std11" "*" { fileinto "${1}"; }
