require ["fileinto", "encoded-character"]; fileinto "${hex: 41 72 63 68 69 76 65}";
