require "vacation"; vacation text:
Bonjour,
je suis absente.
.
;
