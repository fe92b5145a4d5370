import Foundation

/// Maildir file names carry IMAP flags after `:2,` (https://cr.yp.to/proto/maildir.html), and write them back.
public enum MaildirFlags {
    private static let letters: [(Character, String)] = [
        ("D", "\\Draft"), ("F", "\\Flagged"), ("P", "$Forwarded"), ("R", "\\Answered"), ("S", "\\Seen"), ("T", "\\Deleted"),
    ]

    /// The IMAP flags of a Maildir file name; unknown letters (Dovecot's keyword letters) are left out.
    public static func flags(fromFileName name: String) -> [String] {
        guard let marker = name.range(of: ":2,", options: .backwards) else { return [] }
        let info = name[marker.upperBound...]
        return letters.compactMap { letter, flag in info.contains(letter) ? flag : nil }
    }

    /// The `:2,…` suffix for a set of IMAP flags, letters in ASCII order as the specification asks.
    public static func suffix(for flags: [String]) -> String {
        ":2," + String(letters.compactMap { letter, flag in flags.contains(flag) ? letter : nil })
    }
}
