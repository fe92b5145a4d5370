require "editheader"; addheader "Bad Name" "x";
