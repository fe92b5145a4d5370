require ["fileinto", "encoded-character"];
fileinto "A${hex:}B";
