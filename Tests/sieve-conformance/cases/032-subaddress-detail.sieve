require "subaddress"; if address :detail :is "to" "reunions" { discard; }
