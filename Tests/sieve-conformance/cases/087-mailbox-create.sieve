require ["fileinto", "mailbox"]; fileinto :create "Listes/Parents";
