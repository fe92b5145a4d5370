require ["include", "variables", "fileinto"]; set "dossier" "Travail"; include "inc-global-var";
