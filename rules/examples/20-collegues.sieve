# Collègues : les messages envoyés depuis l'établissement ou le rectorat vont
# dans « Collègues », marqués comme importants s'ils viennent de la direction.
# Remplacez les domaines par les vôtres.
require ["fileinto", "imap4flags"];

if address :domain :is "from" ["college-exemple.fr", "ac-exemple.fr"] {
    if address :localpart :is "from" ["direction", "principal", "secretariat"] {
        addflag "\\Flagged";
    }
    fileinto "Collègues";
    stop;
}
