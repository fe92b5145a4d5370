require ["vacation"]; if not exists "list-id" { vacation "absente"; }
