require "regex"; if header :regex "subject" "^URGENT: .* SUPPRIMEE" { discard; }
