require ["variables", "regex", "fileinto"];
if header :matches "x-priority" "*" {}
if header :regex "message-id" "<([a-z]+)-" {}
fileinto "P${1}";
