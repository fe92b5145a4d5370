require ["enotify", "variables", "fileinto"]; set :encodeurl "x" "a b&c/é"; fileinto "${x}";
