require ["fileinto", "variables"]; if header :matches "list-id" "*<*.lists.*>" { fileinto "Listes/${2}"; }
