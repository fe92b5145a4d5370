require "imap4flags"; setflag "a b c"; removeflag "B";
