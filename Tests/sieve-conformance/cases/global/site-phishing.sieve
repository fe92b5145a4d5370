require ["fileinto", "imap4flags"];
if address :domain :matches "reply-to" "freemail.*" { addflag "$Phishing"; fileinto "Spam"; }
