require ["fileinto", "imap4flags"]; addflag "a"; fileinto "Listes"; addflag "b"; keep;
