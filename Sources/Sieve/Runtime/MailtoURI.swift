import MailMessage

/// A `mailto:` notification URI (RFC 6068), as the enotify mailto method reads it (RFC 5436).
struct MailtoURI: Hashable {
    /// `To: a@b.fr`, `Cc: …`, `Bcc: …`, in order.
    var recipients: [String] = []
    var subject: String?
    var body: String?
    /// Other header fields, `name: value`.
    var headers: [String] = []

    /// Header fields a notification URI may not set (RFC 5436 2.4): they are ignored.
    static let reserved: Set<String> = [
        "from", "sender", "reply-to", "date", "message-id", "in-reply-to", "references", "received",
        "auto-submitted", "return-path", "mime-version", "content-type", "content-transfer-encoding",
    ]

    /// Parses the URI; the error says what is wrong in words.
    static func parse(_ uri: String) -> Result<MailtoURI, MailtoError> {
        guard uri.lowercased().hasPrefix("mailto:") else { return .failure(MailtoError("not a mailto URI")) }
        let rest = uri.dropFirst(7)
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var result = MailtoURI()
        for address in parts[0].split(separator: ",") where !address.isEmpty {
            guard let decoded = percentDecoded(address), isAddress(decoded) else {
                return .failure(MailtoError("'\(address)' is not a valid recipient"))
            }
            result.recipients.append("To: " + decoded)
        }
        if parts.count == 2 {
            for field in parts[1].split(separator: "&") where !field.isEmpty {
                let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = percentDecoded(pair[0]), let value = percentDecoded(pair.count == 2 ? pair[1] : "") else {
                    return .failure(MailtoError("invalid %-encoding in '\(field)'"))
                }
                switch name.lowercased() {
                case "to", "cc", "bcc":
                    let label = name.lowercased() == "to" ? "To" : name.lowercased() == "cc" ? "Cc" : "Bcc"
                    for address in value.split(separator: ",").map({ String($0).trimmingWhitespace() }) where !address.isEmpty {
                        guard isAddress(address) else { return .failure(MailtoError("'\(address)' is not a valid recipient")) }
                        result.recipients.append("\(label): \(address)")
                    }
                case "subject": result.subject = value
                case "body": result.body = value
                case let lowered where reserved.contains(lowered): continue
                default: result.headers.append("\(name): \(value)")
                }
            }
        }
        return .success(result)
    }

    private static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !text.contains(where: { $0 == " " || $0 == "<" || $0 == ">" })
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        PercentEncoding.decode(text.utf8, strict: true).flatMap { String(validating: $0, as: UTF8.self) }
    }
}

struct MailtoError: Error, Hashable {
    var message: String
    init(_ message: String) { self.message = message }
}
