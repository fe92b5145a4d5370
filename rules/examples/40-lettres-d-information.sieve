# Lettres d'information et publicités : tout message qui offre un lien de
# désabonnement (List-Unsubscribe) sans être une liste de discussion, ou qui se
# déclare envoi en masse, va dans « Lettres », déjà marqué comme lu.
require ["fileinto", "imap4flags"];

if anyof (allof (exists "List-Unsubscribe", not exists "List-Id"),
          header :is "Precedence" ["bulk", "junk"]) {
    addflag "\\Seen";
    fileinto "Lettres";
    stop;
}
