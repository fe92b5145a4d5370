require ["fileinto", "variables"]; set :quotewildcard "q" "a*b?"; fileinto "${q}";
