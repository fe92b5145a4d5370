require "subaddress"; if address :user :is "to" "marc.lefevre" { discard; }
