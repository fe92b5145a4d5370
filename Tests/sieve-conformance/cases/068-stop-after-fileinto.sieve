require "fileinto"; fileinto "Listes"; stop; fileinto "Archive";
