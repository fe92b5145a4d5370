require "envelope"; if envelope :is "from" "bounce@mail-verif.example" { discard; }
