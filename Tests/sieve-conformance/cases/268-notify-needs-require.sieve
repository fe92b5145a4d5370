notify "mailto:a@college-exemple.fr";
