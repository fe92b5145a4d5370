# mailsift spam pack: HTML tricks.
require ["vnd.mailsift.score", "vnd.mailsift.html", "body", "relational", "comparator-i;ascii-numeric"];

# HTML_ONLY: HTML with no plain-text version (mail programs send both; bulk senders often only HTML).
if allof (body :content "text/html" :contains "", not body :content "text/plain" :contains "") {
    addscore "0.8" "HTML_ONLY";
}

# HTML_ONLY_HIDDEN_TEXT: HTML with no plain-text version, and 100 characters or more of text hidden or too
# small to read (words put there for filters, not for the reader).
if allof (not body :content "text/plain" :contains "",
          htmlchars :hidden :value "ge" :comparator "i;ascii-numeric" "100") {
    addscore "2.0" "HTML_ONLY_HIDDEN_TEXT";
}

# HTML_HIDDEN_TEXT_LARGE: 1,000 characters or more of hidden or tiny text, with or without a plain version.
if htmlchars :hidden :value "ge" :comparator "i;ascii-numeric" "1000" { addscore "1.5" "HTML_HIDDEN_TEXT_LARGE"; }

# HTML_ONLY_LITTLE_TEXT: HTML only, under 40 visible characters, yet a link (an image to click).
if allof (not body :content "text/plain" :contains "",
          htmlchars :visible :value "lt" :comparator "i;ascii-numeric" "40",
          links :url :count "ge" :comparator "i;ascii-numeric" "1") {
    addscore "1.5" "HTML_ONLY_LITTLE_TEXT";
}
