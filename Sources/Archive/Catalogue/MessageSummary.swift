import MailMessage

/// The fields of a message the catalogue keeps (shown in search results, filtered on) and the text it indexes.
/// Read with the message parser's limits: a hostile message yields a shorter summary, never a failure — the
/// raw bytes are archived whatever their shape.
struct MessageSummary: Sendable {
    var messageID: String?
    var date: Int64?
    var sender: String
    var recipients: String
    var subject: String
    /// nil when the text is left to be indexed later (`withText` false): only the header block was read.
    var bodyText: String?

    init(_ bytes: [UInt8], maxTextBytes: Int, withText: Bool = true) {
        var limits = ParseLimits.default
        limits.maxTextBytes = maxTextBytes
        let message = Message(bytes, scope: withText ? .full : .headers, limits: limits)
        messageID = message.messageID
        date = message.date?.secondsSince1970
        sender = Self.join(message.from)
        recipients = Self.join(message.to + message.cc)
        subject = message.subject ?? ""
        bodyText = withText ? message.plainText().text : nil  // already bounded by limits.maxTextBytes
    }

    private static func join(_ mailboxes: [Mailbox]) -> String {
        mailboxes.map(\.description).joined(separator: ", ")
    }
}
