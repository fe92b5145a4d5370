# Absence sans réponse automatique : pendant les vacances, le courrier reçu
# va dans « Pendant mon absence » au lieu de la boîte de réception, sans
# répondre à personne (pas de « vacation »). Changez les dates, et supprimez
# ce fichier à votre retour.
require ["fileinto", "date", "relational"];

if allof (currentdate :value "ge" "date" "2026-12-19",
          currentdate :value "le" "date" "2027-01-04") {
    fileinto "Pendant mon absence";
}
