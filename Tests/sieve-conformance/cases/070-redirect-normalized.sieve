redirect "Assistant@College-Exemple.FR"; redirect "assistant@college-exemple.fr";
