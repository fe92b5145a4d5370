require ["fileinto", "mailbox"]; if mailboxexists "Travail/Projets" { fileinto "Travail/Projets"; }
