redirect "assistant@college-exemple.fr";
