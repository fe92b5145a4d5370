require ["fileinto", "mailbox"]; if mailboxexists ["Listes", "Nope"] { fileinto "Listes"; }
