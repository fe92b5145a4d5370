require ["include", "fileinto"];
if exists "list-id" { fileinto "Listes"; return; }
fileinto "Travail";
