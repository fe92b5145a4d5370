require ["variables", "regex", "fileinto"];
if header :regex "message-id" "<([a-z]+)-" {}
if anyof (header :matches "x-priority" "9*", true) { fileinto "P${1}"; }
