# mailsift spam pack: recipients.
require ["vnd.mailsift.score", "relational", "comparator-i;ascii-numeric"];

# UNDISCLOSED_RECIPIENTS: addressed to "undisclosed-recipients" (the real recipients hidden in Bcc), not a list.
if allof (header :contains "to" "undisclosed", not exists "list-id") {
    addscore "1.2" "UNDISCLOSED_RECIPIENTS";
}

# MANY_RECIPIENTS: twenty or more addresses shown in To and Cc.
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "20" { addscore "1.0" "MANY_RECIPIENTS"; }
