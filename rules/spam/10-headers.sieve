# mailsift spam pack: header anomalies.
# Each rule adds a named score with addscore (vnd.mailsift.score); the catalogue is rules/README.md.
require ["vnd.mailsift.score", "vnd.mailsift.site", "date", "regex", "variables", "relational",
         "comparator-i;ascii-numeric"];

set "from_domain" "";
if address :domain :matches "from" "*" { set "from_domain" "${1}"; }

# MISSING_DATE: no Date field, which every mail program writes (RFC 5322 3.6 requires it).
if not exists "date" { addscore "1.5" "MISSING_DATE"; }

# INVALID_DATE: a Date field that is not a date.
if allof (exists "date", not date :originalzone :matches "date" "year" "*") { addscore "1.5" "INVALID_DATE"; }

# MISSING_MESSAGE_ID: no Message-ID field (mail programs and servers always add one).
if not exists "message-id" { addscore "1.2" "MISSING_MESSAGE_ID"; }

# INVALID_MESSAGE_ID: a Message-ID that is not <left@right>.
if allof (exists "message-id",
          not header :regex "message-id" "^[[:space:]]*<[^<>@[:space:]]+@[^<>@[:space:]]+>[[:space:]]*$") {
    addscore "1.0" "INVALID_MESSAGE_ID";
}

# FROM_LOCAL_OUTSIDE: the From address is in a local domain, but the site's own servers received the
# message from outside (not from a signed-in user or another local host); mailing lists excepted.
if allof (localdomain "${from_domain}", externalorigin, not exists "list-id") {
    addscore "3.0" "FROM_LOCAL_OUTSIDE";
}

# FROM_LOOKALIKE_LOCAL: the From or Reply-To domain looks like a local domain without being one.
if lookalikedomain "${from_domain}" { addscore "3.5" "FROM_LOOKALIKE_LOCAL"; }
elsif address :domain :matches "reply-to" "*" {
    if lookalikedomain "${1}" { addscore "3.5" "FROM_LOOKALIKE_LOCAL"; }
}
