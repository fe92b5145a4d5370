require ["regex", "variables", "fileinto"]; set "p" "^urgent: (v[a-z]+)"; if header :regex "subject" "${p}" { fileinto "${1}"; }
