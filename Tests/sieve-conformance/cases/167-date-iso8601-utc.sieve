require ["date", "variables", "fileinto"]; if date :matches "date" "iso8601" "*" { fileinto "${1}"; }
