require ["regex", "variables", "fileinto"]; if header :regex "list-id" "<([a-z]+)\\.lists\\.([a-z-]+)\\.org>" { fileinto "${2}/${1}"; }
