require ["fileinto", "copy"]; fileinto :copy "Listes";
