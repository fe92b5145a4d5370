require ["fileinto", "variables"]; set :upperfirst :lower "x" "LISTES"; fileinto "${x}";
