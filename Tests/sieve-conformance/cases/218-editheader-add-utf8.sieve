require ["editheader", "variables", "fileinto", "index"]; addheader "X-Note" "Réunion"; if header :matches "x-note" "*" { fileinto "${1}"; }
