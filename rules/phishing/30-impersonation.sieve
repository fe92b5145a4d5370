# mailsift phishing pack: mail that presents itself as the IT service and does not come from the site.
require ["vnd.mailsift.score", "vnd.mailsift.site", "regex", "variables"];

set "from_domain" "";
if address :domain :matches "from" "*" { set "from_domain" "${1}"; }

# PHISH_IT_IMPERSONATION: the From or Subject names the IT department, the DSI, the rectorat, the helpdesk
# or the webmail, but the From address is outside the local domains.
if allof (
    anyof (
        header :regex "from" "(\\b|_)(dsi|helpdesk|help[[:space:]]+desk|service[[:space:]]+(informatique|technique|messagerie)|support[[:space:]]+(informatique|technique|messagerie)|(é|e)quipe[[:space:]]+(informatique|technique|support)|rectorat|webmail|administrat(eur|or)[[:space:]]+(syst(è|e)me|r(é|e)seau|de[[:space:]]+messagerie|system|mail|email)|it[[:space:]]+(department|support|service|helpdesk|team|desk)|(mail|email|system)[[:space:]]*administrator|assistance[[:space:]]+informatique|messagerie[[:space:]]+acad(é|e)mique|admin[[:space:]]+messagerie)\\b",
        header :regex "subject" "\\b(dsi|helpdesk|help[[:space:]]+desk|service[[:space:]]+informatique|support[[:space:]]+informatique|rectorat|webmail|it[[:space:]]+(department|helpdesk|help[[:space:]]+desk)|(mail|email|system)[[:space:]]*administrator|assistance[[:space:]]+informatique|messagerie[[:space:]]+acad(é|e)mique)\\b"),
    not localdomain "${from_domain}") {
    addscore "3.0" "PHISH_IT_IMPERSONATION";
}
