require ["date", "variables", "fileinto"]; if currentdate :zone "+0200" :matches "zone" "*" { fileinto "${1}"; }
