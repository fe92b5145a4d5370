require ["fileinto", "copy"]; fileinto "Archive" :copy;
