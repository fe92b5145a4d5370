# mailsift spam pack: recipients.
require ["vnd.mailsift.score", "relational", "comparator-i;ascii-numeric"];

# UNDISCLOSED_RECIPIENTS: sent to a hidden list ("undisclosed-recipients:;" or no To at all), not a list.
if allof (anyof (header :contains "to" "undisclosed", not exists "to"), not exists "list-id") {
    addscore "1.2" "UNDISCLOSED_RECIPIENTS";
}

# MANY_RECIPIENTS: twenty or more addresses shown in To and Cc.
if address :count "ge" :comparator "i;ascii-numeric" ["to", "cc"] "20" { addscore "1.0" "MANY_RECIPIENTS"; }
