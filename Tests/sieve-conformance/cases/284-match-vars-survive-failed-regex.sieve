require ["variables", "regex", "fileinto"];
if header :matches "x-priority" "*" {}
if header :regex "subject" "(zzz+)" {}
fileinto "P${1}";
