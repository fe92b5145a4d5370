require ["regex", "variables", "fileinto"]; if header :regex "subject" "^R.union" { fileinto "one"; } elsif header :regex "subject" "^R..union" { fileinto "two"; }
