# Règle d'administrateur (exemple) : l'hameçonnage qui se fait passer pour le
# service informatique. Un message qui parle de boîte « saturée » ou de compte à
# « valider », signé « service informatique », mais qui ne vient pas d'un domaine
# de l'académie, va dans « Junk », marqué $Phishing, et les règles de
# l'utilisateur ne le voient pas (stop). Remplacez les domaines par les vôtres.
require ["fileinto", "mailbox", "imap4flags"];

if allof (header :contains ["subject", "from"] ["service informatique", "saturée", "valider votre compte",
                                                "boîte mail est pleine", "quota"],
          not address :domain :is "from" ["college-exemple.fr", "ac-exemple.fr"]) {
    addflag "$Phishing";
    fileinto :create "Junk";
    stop;
}
