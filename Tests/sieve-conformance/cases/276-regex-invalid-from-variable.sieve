require ["regex", "variables", "fileinto"]; set "p" "(x"; if header :regex "subject" "${p}" { fileinto "a"; } else { fileinto "b"; }
