fileinto "Listes";
