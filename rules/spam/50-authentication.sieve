# mailsift spam pack: sender authentication failures, as the receiving server reports them in
# Authentication-Results (RFC 8601) or Received-SPF (RFC 7208).
require ["vnd.mailsift.score", "regex"];

# SPF_FAIL: the sending host is not allowed to send for the envelope sender's domain.
if anyof (header :regex "authentication-results" "(^|[;[:space:]])spf=fail\\b",
          header :regex "received-spf" "^[[:space:]]*fail\\b") {
    addscore "1.5" "SPF_FAIL";
}
# SPF_SOFTFAIL: the domain says the host is probably not allowed.
elsif anyof (header :regex "authentication-results" "(^|[;[:space:]])spf=softfail\\b",
             header :regex "received-spf" "^[[:space:]]*softfail\\b") {
    addscore "0.8" "SPF_SOFTFAIL";
}

# DKIM_FAIL: a DKIM signature is present but does not verify.
if header :regex "authentication-results" "(^|[;[:space:]])dkim=fail\\b" { addscore "1.0" "DKIM_FAIL"; }

# DMARC_FAIL: the From domain's DMARC check failed (neither SPF nor DKIM aligned with it).
if header :regex "authentication-results" "(^|[;[:space:]])dmarc=fail\\b" { addscore "2.5" "DMARC_FAIL"; }
