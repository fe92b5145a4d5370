require ["include"]; include :optional "inc-nope";
