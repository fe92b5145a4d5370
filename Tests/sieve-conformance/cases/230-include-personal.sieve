require ["include", "fileinto"]; include "inc-listes"; fileinto "Archive";
