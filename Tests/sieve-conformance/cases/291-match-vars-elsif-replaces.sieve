require ["variables", "regex", "fileinto"];
if header :regex "message-id" "<([a-z]+)-" {}
if header :is "x-priority" "9" {} elsif header :matches "x-priority" "*" { fileinto "P${1}"; }
