require ["fileinto", "imap4flags"];
# 50 sorting rules on header fields only (mailsift-bench sieve).
if header :contains "list-id" "debian-devel" { fileinto "Listes/debian-devel"; stop; }
if header :contains "list-id" "spamassassin-talk" { fileinto "Listes/spamassassin-talk"; stop; }
if header :contains "list-id" "exmh-users" { fileinto "Listes/exmh-users"; stop; }
if header :contains "list-id" "razor-users" { fileinto "Listes/razor-users"; stop; }
if header :contains "list-id" "fork" { fileinto "Listes/fork"; stop; }
if header :contains "list-id" "ilug" { fileinto "Listes/ilug"; stop; }
if header :contains "list-id" "zzzzteana" { fileinto "Listes/zzzzteana"; stop; }
if header :contains "list-id" "secprog" { fileinto "Listes/secprog"; stop; }
if header :contains "list-id" "irr" { fileinto "Listes/irr"; stop; }
if header :contains "list-id" "satalk" { fileinto "Listes/satalk"; stop; }
if address :domain :is ["from", "sender"] "sourceforge.net" { fileinto "Domaines/sourceforge.net"; stop; }
if address :domain :is ["from", "sender"] "lists.sourceforge.net" { fileinto "Domaines/lists.sourceforge.net"; stop; }
if address :domain :is ["from", "sender"] "example.com" { fileinto "Domaines/example.com"; stop; }
if address :domain :is ["from", "sender"] "redhat.com" { fileinto "Domaines/redhat.com"; stop; }
if address :domain :is ["from", "sender"] "linux.ie" { fileinto "Domaines/linux.ie"; stop; }
if address :domain :is ["from", "sender"] "yahoogroups.com" { fileinto "Domaines/yahoogroups.com"; stop; }
if address :domain :is ["from", "sender"] "freshmeat.net" { fileinto "Domaines/freshmeat.net"; stop; }
if address :domain :is ["from", "sender"] "newsisfree.com" { fileinto "Domaines/newsisfree.com"; stop; }
if address :domain :is ["from", "sender"] "taint.org" { fileinto "Domaines/taint.org"; stop; }
if address :domain :is ["from", "sender"] "spamassassin.org" { fileinto "Domaines/spamassassin.org"; stop; }
if header :contains "subject" "URGENT" { addflag "$Suspect"; }
if header :contains "subject" "FREE" { addflag "$Suspect"; }
if header :contains "subject" "money" { addflag "$Suspect"; }
if header :contains "subject" "viagra" { addflag "$Suspect"; }
if header :contains "subject" "mortgage" { addflag "$Suspect"; }
if header :contains "subject" "winner" { addflag "$Suspect"; }
if header :contains "subject" "$$$" { addflag "$Suspect"; }
if header :contains "subject" "credit" { addflag "$Suspect"; }
if header :contains "subject" "click here" { addflag "$Suspect"; }
if header :contains "subject" "unsubscribe" { addflag "$Suspect"; }
if exists "x-mailing-list" { fileinto "Listes/autres"; stop; }
if exists "x-beenthere" { fileinto "Listes/autres"; stop; }
if exists "list-unsubscribe" { fileinto "Listes/autres"; stop; }
if exists "x-mailman-version" { fileinto "Listes/autres"; stop; }
if exists "precedence" { fileinto "Listes/autres"; stop; }
if header :is "precedence" ["bulk", "junk", "list"] { fileinto "Masse"; stop; }
if header :matches "subject" "[[]*[]] *" { fileinto "Listes/etiquetees"; stop; }
if address :localpart :is "to" ["postmaster", "abuse", "root"] { fileinto "Admin"; stop; }
if size :over 500K { fileinto "Gros"; stop; }
if header :contains "x-spam-flag" "yes" { fileinto "Spam"; stop; }
if anyof (header :contains "from" "newsletter", header :contains "from" "noreply") { fileinto "Lettres"; stop; }
if allof (exists "in-reply-to", header :contains "subject" "Re:") { fileinto "Conversations"; stop; }
if header :contains "content-type" "multipart/mixed" { addflag "$PieceJointe"; }
if address :all :is "to" "jm@jmason.org" { fileinto "Personnel"; stop; }
if header :contains "x-mailer" ["Outlook", "Microsoft"] { addflag "$Outlook"; }
if header :matches "message-id" "*@yahoo*" { fileinto "Yahoo"; stop; }
if address :domain :matches "from" "*.ie" { fileinto "Irlande"; stop; }
if header :contains "received" "localhost" { addflag "$Local"; }
if not exists "date" { fileinto "SansDate"; stop; }
if header :contains "cc" "@" { addflag "$Copie"; }
