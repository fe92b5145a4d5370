require "fileinto"; if exists "list-id" { fileinto "Listes"; } else { fileinto "Archive"; }
