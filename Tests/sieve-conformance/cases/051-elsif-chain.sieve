require "fileinto"; if exists "x-nothing" { fileinto "Spam"; } elsif exists "list-id" { fileinto "Listes"; } else { fileinto "Archive"; }
