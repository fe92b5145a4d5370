require ["include"]; include "inc-broken";
