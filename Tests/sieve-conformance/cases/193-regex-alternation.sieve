require "regex"; if header :regex "x-campaign" "^(relance|rappel)$" { discard; }
