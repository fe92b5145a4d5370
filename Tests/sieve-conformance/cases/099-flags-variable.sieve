require ["imap4flags", "variables"]; addflag "mine" "x y"; if hasflag "mine" "y" { discard; }
