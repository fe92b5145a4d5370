require ["variables"]; set "a" "Parents"; if string :is "${a}" "parents" { discard; }
