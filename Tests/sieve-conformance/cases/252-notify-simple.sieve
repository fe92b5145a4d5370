require "enotify"; notify "mailto:jeanne.dupont@college-exemple.fr";
