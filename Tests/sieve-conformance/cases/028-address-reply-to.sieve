if address :domain :is "reply-to" "freemail.example" { discard; }
