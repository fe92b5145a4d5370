require ["variables", "fileinto"];
set :length "n" text:
a
b
.
;
set :length "q" "c
d";
set :length "e" "éé";
fileinto "${n}-${q}-${e}";
