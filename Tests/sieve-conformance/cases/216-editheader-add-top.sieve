require ["editheader", "variables", "fileinto", "index"]; addheader "X-Tag" "un"; addheader :last "X-Tag" "deux"; if header :index 1 :matches "x-tag" "*" { fileinto "${1}"; }
