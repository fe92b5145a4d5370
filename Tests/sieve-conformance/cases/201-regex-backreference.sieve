require "regex"; if header :regex "subject" "(c)\\1" { discard; }
