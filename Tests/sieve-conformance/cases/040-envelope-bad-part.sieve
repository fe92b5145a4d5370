require "envelope"; if envelope :is "auth" "x" { discard; }
