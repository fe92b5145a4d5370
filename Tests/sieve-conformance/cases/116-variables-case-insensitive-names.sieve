require ["fileinto", "variables"]; set "Dossier" "Listes"; fileinto "${DOSSIER}";
