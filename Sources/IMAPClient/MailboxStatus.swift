import IMAPCore

/// What STATUS told of a mailbox without selecting it. An item the server did not send (or could not: SIZE
/// needs STATUS=SIZE or IMAP4rev2, HIGHESTMODSEQ needs CONDSTORE) is nil.
public struct MailboxStatus: Sendable, Hashable {
    /// The STATUS items this client asks for.
    public enum Item: String, Sendable, Hashable, CaseIterable {
        case messages = "MESSAGES"
        case uidNext = "UIDNEXT"
        case uidValidity = "UIDVALIDITY"
        case unseen = "UNSEEN"
        case highestModSeq = "HIGHESTMODSEQ"
        case size = "SIZE"
    }

    public var name: MailboxName
    public var messages: UInt32?
    public var uidNext: UInt32?
    public var uidValidity: UInt32?
    public var unseen: UInt32?
    public var highestModSeq: UInt64?
    /// The mailbox's size in bytes (RFC 8438).
    public var size: UInt64?

    public init(
        name: MailboxName, messages: UInt32? = nil, uidNext: UInt32? = nil, uidValidity: UInt32? = nil,
        unseen: UInt32? = nil, highestModSeq: UInt64? = nil, size: UInt64? = nil
    ) {
        self.name = name
        self.messages = messages
        self.uidNext = uidNext
        self.uidValidity = uidValidity
        self.unseen = unseen
        self.highestModSeq = highestModSeq
        self.size = size
    }

    /// The status from the STATUS response's items (upper-case names). Counts and UIDs are 32-bit numbers in
    /// IMAP, UIDNEXT and UIDVALIDITY never 0: a value outside that is a protocol violation.
    init(_ name: MailboxName, items: [String: UInt64]) throws {
        func number32(_ item: Item, nonZero: Bool = false) throws -> UInt32? {
            guard let value = items[item.rawValue] else { return nil }
            guard let number = UInt32(exactly: value), !(nonZero && number == 0) else {
                throw IMAPClientError.protocolViolation("STATUS \(name) gives \(item.rawValue) \(value)")
            }
            return number
        }
        self.init(
            name: name, messages: try number32(.messages), uidNext: try number32(.uidNext, nonZero: true),
            uidValidity: try number32(.uidValidity, nonZero: true), unseen: try number32(.unseen),
            highestModSeq: items[Item.highestModSeq.rawValue], size: items[Item.size.rawValue])
    }
}
