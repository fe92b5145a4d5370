require ["include", "variables", "fileinto"];
global "dossier";
fileinto "X-${dossier}";
