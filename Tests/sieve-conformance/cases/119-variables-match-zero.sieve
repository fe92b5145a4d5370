require ["fileinto", "variables"]; if header :matches "subject" "c*" { fileinto "${0}-${1}"; }
