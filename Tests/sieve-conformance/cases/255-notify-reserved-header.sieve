require "enotify"; notify "mailto:a@college-exemple.fr?In-Reply-To=x";
