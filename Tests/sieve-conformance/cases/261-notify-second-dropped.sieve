require "enotify"; notify "mailto:a@college-exemple.fr"; notify "mailto:b@college-exemple.fr";
