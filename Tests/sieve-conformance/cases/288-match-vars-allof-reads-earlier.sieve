require ["variables", "regex", "fileinto"];
if header :regex "message-id" "<([a-z]+)-" {}
if allof (header :matches "x-priority" "*", string :is "${1}" "2") { fileinto "two"; }
