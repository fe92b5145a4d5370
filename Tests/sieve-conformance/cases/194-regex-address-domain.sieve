require "regex"; if address :domain :regex "from" "(^|\\.)academie-[a-z]+\\.example$" { discard; }
