require ["duplicate", "fileinto"]; if not duplicate :seconds 3600 { fileinto "Listes"; }
