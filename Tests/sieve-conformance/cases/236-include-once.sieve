require ["include"]; include :once "inc-flag"; include :once "inc-flag";
