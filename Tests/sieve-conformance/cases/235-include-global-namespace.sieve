require ["include", "variables", "fileinto"]; set "global.dossier" "Listes"; include "inc-global-var";
