require "enotify"; notify "mailto:a@college-exemple.fr?x-priorite=haute";
