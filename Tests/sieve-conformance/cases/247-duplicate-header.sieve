require "duplicate"; if duplicate :header "list-id" :handle "listes" { discard; }
