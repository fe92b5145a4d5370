require ["vacation", "fileinto"]; vacation "x"; fileinto "Listes";
