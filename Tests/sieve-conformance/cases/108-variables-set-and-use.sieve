require ["fileinto", "variables"]; set "dossier" "Listes"; fileinto "${dossier}";
