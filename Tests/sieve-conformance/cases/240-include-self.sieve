require ["include"]; include "inc-self";
