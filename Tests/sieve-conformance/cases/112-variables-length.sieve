require ["fileinto", "variables"]; set :length "n" "abcdef"; fileinto "L${n}";
