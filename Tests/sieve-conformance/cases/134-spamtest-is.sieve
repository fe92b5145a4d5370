require "spamtest"; if spamtest "7" { discard; }
