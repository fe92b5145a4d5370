require ["fileinto", "variables"]; fileinto "A${nothing}B";
