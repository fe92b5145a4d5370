require ["imap4flags"]; addflag "$Phishing"; if hasflag :is "$phishing" { discard; }
