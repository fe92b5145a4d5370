require "enotify"; notify :options ["x"] "mailto:a@college-exemple.fr";
