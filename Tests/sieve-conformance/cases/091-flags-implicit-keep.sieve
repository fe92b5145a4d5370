require "imap4flags"; addflag ["\\seen", "Junk"];
