require ["include", "variables", "fileinto"]; global "dossier"; set "dossier" "Travail"; include "inc-global-var";
