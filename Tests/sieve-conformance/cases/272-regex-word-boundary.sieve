require ["regex", "variables", "fileinto"]; if header :regex "subject" "\\bSUPPRIME\\b" { fileinto "a"; } elsif header :regex "subject" "\\<SUPPRIMEE\\>" { fileinto "b"; }
