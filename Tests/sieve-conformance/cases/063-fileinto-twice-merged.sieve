require "fileinto"; fileinto "Listes"; fileinto "Archive"; fileinto "Listes";
