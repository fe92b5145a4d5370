require ["regex", "editheader", "fileinto"]; deleteheader :regex "x-mailer" "^Mass.*[0-9]$"; if not exists "x-mailer" { fileinto "gone"; }
