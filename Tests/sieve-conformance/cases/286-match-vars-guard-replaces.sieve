require ["variables", "regex", "fileinto"];
if header :regex "message-id" "<([a-z]+)-" {}
if header :matches "x-priority" "*" { fileinto "P${1}"; }
