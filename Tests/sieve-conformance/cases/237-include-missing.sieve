require ["include"]; include "inc-nope";
