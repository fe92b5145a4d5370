require "imap4flags"; addflag ["Projet", "PROJET", "projet"];
