require ["regex", "body"]; if body :regex "https?://[a-z.-]+/login" { discard; }
