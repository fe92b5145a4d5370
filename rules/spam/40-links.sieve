# mailsift spam pack: suspicious links (in HTML and in plain text).
require ["vnd.mailsift.score", "vnd.mailsift.html"];

# LINK_IP_HOST: a link to a bare IP address instead of a name.
if linkanomaly "ip" { addscore "2.0" "LINK_IP_HOST"; }

# LINK_USERINFO: a link with a name before @ (http://www.banque.fr@other.example/), which hides its host.
if linkanomaly "userinfo" { addscore "2.5" "LINK_USERINFO"; }

# LINK_TEXT_MISMATCH: a link whose text shows one domain and that points to another.
if linkanomaly "mismatch" { addscore "1.2" "LINK_TEXT_MISMATCH"; }

# LINK_LOOKALIKE_LOCAL: a link to (or showing) a domain that looks like a local domain without being one.
if linkanomaly "lookalike" { addscore "3.5" "LINK_LOOKALIKE_LOCAL"; }

# LINK_SHORTENER: a link through a URL shortener, which hides where it leads.
if links :host :is ["bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly",
                    "cutt.ly", "rebrand.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "v.gd",
                    "shorte.st", "adf.ly", "bl.ink", "lnkd.in", "qrco.de", "tiny.one", "urlz.fr", "xurl.es"] {
    addscore "1.0" "LINK_SHORTENER";
}
