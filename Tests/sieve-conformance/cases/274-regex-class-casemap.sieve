require ["regex", "variables", "fileinto"]; if header :regex "subject" "^[[:lower:]]+: ([a-z]+)" { fileinto "${1}"; }
