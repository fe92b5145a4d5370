require ["fileinto", "variables"]; if header :matches "subject" "*de*e*" { fileinto "${1}|${2}|${3}"; }
