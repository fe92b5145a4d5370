require "variables";
set "to" "alice@example.org";
redirect "${to}";
