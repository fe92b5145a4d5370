require "imap4flags";
addflag "vu";
