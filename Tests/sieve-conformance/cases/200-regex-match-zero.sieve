require ["regex", "variables", "fileinto"]; if header :regex "subject" "r(o)n$" { fileinto "${0}-${1}"; }
