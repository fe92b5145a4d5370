# mailsift spam pack: the GTUBE test string (https://spamassassin.apache.org/gtube/), to check the chain.
require ["vnd.mailsift.score", "body"];

# GTUBE: the Generic Test for Unsolicited Bulk Email: always spam.
if body :raw :contains "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X" {
    addscore "1000" "GTUBE";
}
