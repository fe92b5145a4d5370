require "fileinto"; fileinto :copy "Listes";
