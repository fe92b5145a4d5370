/// The Sieve capabilities (`require` names) this engine implements.
public enum Capabilities {
    public static let supported: Set<String> = [
        "fileinto", "envelope", "encoded-character", "imap4flags", "variables", "relational", "copy", "mailbox",
        "subaddress", "reject", "ereject", "comparator-i;octet", "comparator-i;ascii-casemap",
        "comparator-i;ascii-numeric", "comparator-i;unicode-casemap", "spamtest", "spamtestplus", "virustest",
        "vnd.mailsift.score", "body", "date", "index", "regex", "vacation",
        "vacation-seconds", "editheader", "include", "duplicate", "enotify",
        "vnd.mailsift.site", "vnd.mailsift.html",
    ]
}
