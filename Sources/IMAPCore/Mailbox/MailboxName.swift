/// A mailbox name as it travels on the wire: modified UTF-7 (RFC 3501 5.1.3), or UTF-8 once UTF8=ACCEPT is
/// enabled. `raw` is kept exactly, so a name read from LIST can be sent back unchanged.
public struct MailboxName: Sendable, Hashable, CustomStringConvertible {
    public var raw: [UInt8]

    public init(raw: [UInt8]) { self.raw = raw }

    /// A name from its Unicode form, encoded for a server without UTF8=ACCEPT.
    public init(_ name: String) { raw = ModifiedUTF7.encode(name) }

    public static let inbox = MailboxName(raw: Array("INBOX".utf8))

    /// The name for people: modified UTF-7 decoded; raw bytes as UTF-8 when they are not valid modified UTF-7.
    public var description: String { ModifiedUTF7.decode(raw) ?? String(decoding: raw, as: UTF8.self) }
}
