if not exists "list-id" { discard; }
