/// The fields people and rules ask for most, already parsed.
extension Message {
    /// The Subject with encoded words decoded.
    public var subject: String? { header["Subject"] }

    public var from: [Mailbox] { mailboxes("From") }
    public var sender: [Mailbox] { mailboxes("Sender") }
    public var replyTo: [Mailbox] { mailboxes("Reply-To") }
    public var to: [Mailbox] { mailboxes("To") }
    public var cc: [Mailbox] { mailboxes("Cc") }
    public var bcc: [Mailbox] { mailboxes("Bcc") }

    /// The Date field as an instant with its zone; nil when missing or unreadable.
    public var date: MessageDate? {
        header.first("Date").flatMap { DateParser.parse($0.unfoldedBytes) }
    }

    /// The Message-ID without its angle brackets.
    public var messageID: String? {
        guard let value = header.first("Message-ID")?.unfoldedValue else { return nil }
        let trimmed = value.trimming(" \t")
        guard let open = trimmed.firstIndex(of: "<"), let close = trimmed[open...].firstIndex(of: ">") else {
            return trimmed.isEmpty ? nil : trimmed
        }
        return String(trimmed[trimmed.index(after: open)..<close])
    }

    /// Every mailbox of every field with this name, in order (group members included).
    public func mailboxes(_ fieldName: String) -> [Mailbox] {
        header.fields(named: fieldName).flatMap { AddressParser.parseMailboxes($0.unfoldedBytes) }
    }

    /// The address list of every field with this name, groups kept as groups.
    public func addressList(_ fieldName: String) -> [AddressListEntry] {
        header.fields(named: fieldName).flatMap { AddressParser.parseList($0.unfoldedBytes) }
    }

    /// Every part of the MIME tree in document order, the message itself first.
    public var allParts: [MIMEPart] { root.allParts }

    /// The parts a reader sees as attachments.
    public var attachments: [MIMEPart] { allParts.filter(\.isAttachment) }
}
