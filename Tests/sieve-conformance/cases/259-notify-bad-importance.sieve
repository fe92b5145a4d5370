require "enotify"; notify :importance "5" "mailto:a@college-exemple.fr";
