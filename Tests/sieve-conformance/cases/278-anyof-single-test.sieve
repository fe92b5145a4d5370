if anyof header :contains "subject" "x" { discard; }
