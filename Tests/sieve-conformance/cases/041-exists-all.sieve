if exists ["list-id", "list-unsubscribe"] { discard; }
