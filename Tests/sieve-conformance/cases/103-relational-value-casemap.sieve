require "relational"; if header :value "ge" "subject" "[p" { discard; }
