require "fileinto"; fileinto "Listes";
