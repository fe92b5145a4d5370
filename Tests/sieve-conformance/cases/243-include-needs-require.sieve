include "inc-listes";
