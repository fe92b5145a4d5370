require "enotify"; notify "mailto:a@college-exemple.fr"; notify :importance "1" "mailto:a@college-exemple.fr";
