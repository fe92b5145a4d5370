if address :domain :is ["from", "sender"] "lists.parents-exemple.org" { discard; }
