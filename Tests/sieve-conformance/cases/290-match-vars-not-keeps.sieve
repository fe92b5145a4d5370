require ["variables", "regex", "fileinto"];
if header :regex "message-id" "<([a-z]+)-" {}
if not header :matches "x-priority" "9*" { fileinto "P${1}"; }
