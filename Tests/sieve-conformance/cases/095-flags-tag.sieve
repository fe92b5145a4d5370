require ["fileinto", "imap4flags"]; fileinto :flags ["\\Seen", "$Listes"] "Listes";
