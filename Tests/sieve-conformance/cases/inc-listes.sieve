require "fileinto";
if exists "list-id" { fileinto "Listes"; }
