require "envelope"; if envelope :is "from" "sender@example.com" { discard; }
