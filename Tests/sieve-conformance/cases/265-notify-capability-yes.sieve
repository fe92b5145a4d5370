require "enotify"; if notify_method_capability :is "mailto:a@college-exemple.fr" "online" "yes" { discard; }
