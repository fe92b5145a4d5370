require ["fileinto", "imap4flags"]; fileinto :flags "a" "Listes"; fileinto :flags "b" "Listes";
