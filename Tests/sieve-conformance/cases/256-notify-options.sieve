require "enotify"; notify :options ["k=v"] "mailto:a@college-exemple.fr";
