require ["include", "fileinto"]; include "inc-return"; fileinto "Archive";
