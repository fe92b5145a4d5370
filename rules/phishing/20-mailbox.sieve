# mailsift phishing pack: the fake mailbox notices ("votre boîte mail est saturée"): full or blocked
# mailboxes, quota upgrades, account closures, with a deadline to scare the reader.
require ["vnd.mailsift.score", "body", "regex"];

# PHISH_MAILBOX_FULL_FR: a boîte mail saturée, pleine, bloquée or suspendue, or a quota atteint.
if anyof (
    header :regex "subject" "bo(î|i|Î)te[[:space:]]+(aux[[:space:]]+lettres|mail|e-?mail|de[[:space:]]+messagerie|de[[:space:]]+r(é|e)ception|(é|e)lectronique).{0,60}(satur(é|e)e|pleine|bloqu(é|e)e|suspendue|d(é|e)sactiv(é|e)e)|(quota|espace[[:space:]]+de[[:space:]]+stockage).{0,40}(atteint|d(é|e)pass|satur|plein)",
    allof (body :text :contains ["boîte", "boite", "BOÎTE", "quota", "stockage"], body :text :regex "bo(î|i|Î)te[[:space:]]+(aux[[:space:]]+lettres|mail|e-?mail|de[[:space:]]+messagerie|de[[:space:]]+r(é|e)ception|(é|e)lectronique)[^.!]{0,60}(satur(é|e)e|pleine|bloqu(é|e)e|suspendue|d(é|e)sactiv(é|e)e)|(quota|espace[[:space:]]+de[[:space:]]+stockage)[^.!]{0,40}(atteint|d(é|e)pass|satur|plein)")) {
    addscore "2.5" "PHISH_MAILBOX_FULL_FR";
}

# PHISH_MAILBOX_FULL_EN: a mailbox full, over quota, blocked or suspended.
if anyof (
    header :regex "subject" "(mailbox|inbox|e-?mail[[:space:]]+account).{0,40}(full|over[[:space:]]+(its[[:space:]]+)?quota|(reached|exceeded)[[:space:]]+(its|the|your)[[:space:]]+(storage|quota|limit)|blocked|suspended|deactivated)|(storage|quota)[[:space:]]+(limit[[:space:]]+)?(has[[:space:]]+been[[:space:]]+)?(reached|exceeded)",
    allof (body :text :contains ["mailbox", "inbox", "account", "storage", "quota"],
           body :text :contains ["full", "quota", "reached", "exceeded", "blocked", "suspended", "deactivated"],
           body :text :regex "(mailbox|inbox|e-?mail[[:space:]]+account)[^.!]{0,40}(is[[:space:]]+(almost[[:space:]]+)?full|over[[:space:]]+(its[[:space:]]+)?quota|(reached|exceeded)[[:space:]]+(its|the|your)[[:space:]]+(storage|quota|limit)|(has[[:space:]]+been|will[[:space:]]+be)[[:space:]]+(blocked|suspended|deactivated))|(storage|quota)[[:space:]]+(limit[[:space:]]+)?(has[[:space:]]+been[[:space:]]+)?(reached|exceeded)")) {
    addscore "2.5" "PHISH_MAILBOX_FULL_EN";
}

# PHISH_QUOTA_UPGRADE: offers to increase or upgrade the mailbox quota or storage.
if allof (body :text :contains ["quota", "stockage", "capacit", "storage", "mailbox"],
          body :text :regex "(augmente[rz]?|(é|e)tend(re|ez)|mett(re|ez)[[:space:]]+(à|a)[[:space:]]+niveau|mise[[:space:]]+(à|a)[[:space:]]+niveau|upgrade|increase|expand|extend)[^.!]{0,40}(votre[[:space:]]+quota|quota[[:space:]]+de[[:space:]]+messagerie|espace[[:space:]]+de[[:space:]]+stockage|capacit(é|e)[[:space:]]+de[[:space:]]+(la[[:space:]]+)?(bo(î|i)te|messagerie|stockage)|your[[:space:]]+(mailbox[[:space:]]+)?(quota|storage)|mailbox[[:space:]]+(size|capacity|quota))") {
    addscore "2.0" "PHISH_QUOTA_UPGRADE";
}

# PHISH_ACCOUNT_CLOSURE: threatens to close, suspend or delete the account or mailbox.
if allof (body :text :contains ["ferm", "supprim", "sactiv", "suspend", "bloqu", "silié", "silie", "closed", "deactivated", "terminated", "deleted", "blocked", "disabled"],
          body :text :contains ["compte", "messagerie", "boîte", "boite", "account", "mailbox", "address"],
          body :text :regex "(compte|messagerie|bo(î|i)te[[:space:]]+(mail|aux[[:space:]]+lettres))[^.!]{0,40}(sera|va[[:space:]]+(ê|e)tre|seront|risque[[:space:]]+d'(ê|e)tre)[[:space:]]+(d(é|e)finitivement[[:space:]]+)?(ferm|supprim|d(é|e)sactiv|suspendu|bloqu|r(é|e)sili)|(account|mailbox|e-?mail[[:space:]]+address)[^.!]{0,30}(will|would|may)[[:space:]]+be[[:space:]]+(permanently[[:space:]]+)?(closed|suspended|deactivated|terminated|deleted|blocked|disabled)") {
    addscore "2.0" "PHISH_ACCOUNT_CLOSURE";
}

# PHISH_URGENT_DEADLINE: a deadline of hours to act ("sous 24 heures", "within 48 hours").
if allof (body :text :contains ["heure", "hour", "hrs", "24h", "48h", "72h", "12h", "2h", "3h", "24 h", "48 h", "72 h", "12 h", "2 h", "3 h", "failure"],
          body :text :regex "(dans[[:space:]]+les|sous|d'ici|avant|en[[:space:]]+moins[[:space:]]+de)[[:space:]]+(24|48|72|12|2|3)[[:space:]]*(h|heures)\\b|(within|in[[:space:]]+the[[:space:]]+next|before)[[:space:]]+(24|48|72|12)[[:space:]]*(hours|hrs|h)\\b|failure[[:space:]]+to[[:space:]]+(comply|verify|confirm|update)") {
    addscore "1.0" "PHISH_URGENT_DEADLINE";
}
