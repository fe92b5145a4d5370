require ["include"]; return; discard;
