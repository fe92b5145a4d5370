require "enotify"; if notify_method_capability "mailto:a@college-exemple.fr" "online" "maybe" { discard; }
