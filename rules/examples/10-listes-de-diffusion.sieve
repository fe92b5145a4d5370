# Listes de diffusion : chaque liste dans son propre dossier, sous « Listes ».
# Le champ List-Id (RFC 2919) nomme la liste, par exemple
#   List-Id: Parents d'élèves <parents.lists.parents-exemple.org>
# Le dossier prend le premier mot de l'identifiant : « Listes/parents ».
# « :create » crée le dossier la première fois qu'un message de la liste arrive.
require ["fileinto", "mailbox", "variables"];

if header :matches "List-Id" "*<*.*>*" {
    set :lower "liste" "${2}";
    fileinto :create "Listes/${liste}";
    stop;
}
