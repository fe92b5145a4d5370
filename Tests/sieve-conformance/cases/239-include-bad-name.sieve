require ["include"]; include "../secret";
