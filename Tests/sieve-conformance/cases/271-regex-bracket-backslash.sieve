require ["regex", "variables", "fileinto"]; if header :regex "x-mailer" "3[\\]1" { fileinto "backslash"; } elsif header :regex "x-mailer" "3[\\.]1" { fileinto "dot"; }
