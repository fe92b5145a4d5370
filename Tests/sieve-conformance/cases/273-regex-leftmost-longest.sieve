require ["regex", "variables", "fileinto"]; if header :regex "x-mailer" "(Mass|MassMailer)( [0-9]|)" { fileinto "${0}/${1}/${2}"; }
