require "relational"; if header :value "bigger" "x" "y" { discard; }
