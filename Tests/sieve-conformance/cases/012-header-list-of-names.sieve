if header :contains ["x-nothing", "list-id"] "parents" { discard; }
