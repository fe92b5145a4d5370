require ["variables", "fileinto"]; set :encodeurl "x" "a b"; fileinto "${x}";
