require "enotify"; notify :from "pas une adresse" "mailto:a@college-exemple.fr";
