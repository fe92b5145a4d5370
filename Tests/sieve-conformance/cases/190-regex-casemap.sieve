require "regex"; if header :regex "subject" "^urgent" { discard; }
