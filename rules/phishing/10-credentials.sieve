# mailsift phishing pack: requests for credentials, in French and English. The IT service never asks for
# them by mail.
require ["vnd.mailsift.score", "vnd.mailsift.site", "body", "regex", "variables"];

set "from_domain" "";
if address :domain :matches "from" "*" { set "from_domain" "${1}"; }

# PHISH_CREDENTIALS_FR: asks to confirm, enter or send identifiants, mot de passe, codes d'accès.
if allof (body :text :contains ["votre", "vos"],
          body :text :regex "(confirm|v(é|e)rifi|valid|saisi|renseign|communiqu|fourni|transmet|actualis|mett(re|ez)[[:space:]]+(à|a)[[:space:]]+jour|indiqu|r(é|e)activ)[a-zé]*[[:space:]]+(vos|votre)[[:space:]]+(identifiants?|mots?[[:space:]]+de[[:space:]]+passe|codes?[[:space:]]+(d'acc(è|e)s|confidentiel|secret|de[[:space:]]+connexion|personnel)|informations[[:space:]]+de[[:space:]]+connexion|donn(é|e)es[[:space:]]+de[[:space:]]+connexion|acc(è|e)s[[:space:]]+(à|a)[[:space:]]+la[[:space:]]+messagerie)") {
    addscore "2.5" "PHISH_CREDENTIALS_FR";
}

# PHISH_CREDENTIALS_EN: asks to confirm, verify, update or enter a password, login or credentials.
if allof (body :text :contains ["password", "credential", "login", "sign-in", "signin", "username", "account"],
          body :text :regex "(confirm|verify|validate|update|re-?enter|enter|provide|submit|reactivate)[[:space:]]+(your[[:space:]]+)?(e-?mail[[:space:]]+|mailbox[[:space:]]+|webmail[[:space:]]+|account[[:space:]]+)?(login[[:space:]]+(details|credentials|information)|password|credentials|username[[:space:]]+and[[:space:]]+password|sign-?in[[:space:]]+(details|information)|account[[:space:]]+(details|information))") {
    addscore "2.5" "PHISH_CREDENTIALS_EN";
}

# PHISH_NUMEN: mentions the NUMEN (the staff identifier of French national education), from outside.
if allof (body :text :contains "numen", body :text :regex "\\bnumen\\b", not localdomain "${from_domain}") { addscore "2.0" "PHISH_NUMEN"; }
