require "editheader"; addheader "X-Mailsift" "vu"; if exists "x-mailsift" { discard; }
