if header :is "precedence" ["bulk", "list", "junk"] { discard; }
