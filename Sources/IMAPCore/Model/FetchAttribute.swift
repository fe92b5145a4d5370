/// One item of a FETCH response.
public enum FetchAttribute: Sendable, Hashable {
    case uid(UInt32)
    case flags([String])
    /// INTERNALDATE as sent (`"17-Jul-1996 02:44:25 -0700"`).
    case internalDate(String)
    case rfc822Size(UInt64)
    /// BODY[section]<origin> (and RFC822, RFC822.HEADER, RFC822.TEXT as their BODY[] equivalents); nil data for NIL.
    case body(section: String, origin: UInt32?, data: [UInt8]?)
    /// BINARY[section] (RFC 3516): the decoded content.
    case binary(section: String, data: [UInt8]?)
    case binarySize(section: String, size: UInt64)
    case modSeq(UInt64)
    case envelope(Envelope)
    /// An item this client does not model (BODYSTRUCTURE…): its name, skipped safely.
    case other(String)
}

/// The ENVELOPE structure: strings as sent (RFC 2047 words not decoded here).
public struct Envelope: Sendable, Hashable {
    public struct Address: Sendable, Hashable {
        public var name: [UInt8]?
        public var route: [UInt8]?
        public var mailbox: [UInt8]?
        public var host: [UInt8]?
    }
    public var date: [UInt8]?
    public var subject: [UInt8]?
    public var from: [Address]
    public var sender: [Address]
    public var replyTo: [Address]
    public var to: [Address]
    public var cc: [Address]
    public var bcc: [Address]
    public var inReplyTo: [UInt8]?
    public var messageID: [UInt8]?
}
