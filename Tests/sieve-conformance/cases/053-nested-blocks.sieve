require "fileinto"; if exists "list-id" { if header :contains "subject" "[Parents]" { fileinto "Listes"; stop; } } fileinto "Archive";
