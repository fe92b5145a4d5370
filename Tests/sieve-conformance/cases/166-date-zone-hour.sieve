require "date"; if date :zone "-0500" :is "date" "hour" "03" { discard; }
