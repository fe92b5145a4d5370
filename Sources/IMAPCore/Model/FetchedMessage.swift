/// One message of a UID FETCH answer, picked out of its `[FetchAttribute]` once, here, so every caller reads
/// the same fields the same way.
///
/// Every value came from the server and is only as good as the server: a missing item is nil, an INTERNALDATE
/// that does not parse is nil (never a guess), and a FETCH response without a UID is not a message of a UID
/// FETCH at all (`init` returns nil; servers send those for flag changes made by others).
public struct FetchedMessage: Sendable, Hashable {
    /// What `bytes` hold.
    public enum Part: Sendable, Hashable {
        /// BODY[]: the whole message.
        case whole
        /// BODY[HEADER]: the whole header, with the empty line that ends it.
        case header
        /// BODY[HEADER.FIELDS (…)]: only these fields (names as the server echoed them, upper-case on
        /// Dovecot), with the empty line that ends a header.
        case headerFields([String])
    }

    public var uid: UInt32
    /// FLAGS, as sent (system flags with their backslash, keywords as they are); empty when not sent.
    public var flags: [String]
    /// RFC822.SIZE: the size of the whole message on the server, whatever part was fetched.
    public var size: UInt64?
    public var internalDate: IMAPDateTime?
    /// MODSEQ (CONDSTORE).
    public var modSeq: UInt64?
    /// The bytes of `part`; nil when no whole message or header part came with the response.
    public var bytes: [UInt8]?
    /// Which part `bytes` hold; nil with `bytes`.
    public var part: Part?

    public init(
        uid: UInt32, flags: [String] = [], size: UInt64? = nil, internalDate: IMAPDateTime? = nil,
        modSeq: UInt64? = nil, bytes: [UInt8]? = nil, part: Part? = nil
    ) {
        self.uid = uid
        self.flags = flags
        self.size = size
        self.internalDate = internalDate
        self.modSeq = modSeq
        self.bytes = bytes
        self.part = bytes == nil ? nil : part
    }

    /// The message a FETCH response describes; nil without a UID. Only a whole body section (no `<origin>`)
    /// counts as bytes: BODY[], BODY[HEADER] or BODY[HEADER.FIELDS (…)]; other sections (MIME parts, TEXT,
    /// partial fetches) are not what this client asks for and are left out. When one response carries several
    /// of those, the first wins.
    public init?(_ attributes: [FetchAttribute]) {
        var sections: [String: Part?] = [:]
        self.init(attributes, sections: &sections)
    }

    /// `init(_:)` with the sections met so far: every message of one answer names the same section, and
    /// reading its field list once per message was about 4 % of a 10,000-message sort's CPU time.
    init?(_ attributes: [FetchAttribute], sections: inout [String: Part?]) {
        var uid: UInt32?
        var flags: [String] = []
        var size: UInt64?
        var internalDate: IMAPDateTime?
        var modSeq: UInt64?
        var bytes: [UInt8]?
        var part: Part?
        for attribute in attributes {
            switch attribute {
            case .uid(let value): uid = value
            case .flags(let value): flags = value
            case .rfc822Size(let value): size = value
            case .internalDate(let text): internalDate = IMAPDateTime(text)
            case .modSeq(let value): modSeq = value
            case .body(let section, nil, let data?) where bytes == nil:
                let known = sections[section] ?? Self.part(section)
                if sections.count < 16 { sections[section] = known }
                if let sectionPart = known {
                    bytes = data
                    part = sectionPart
                }
            default: break
            }
        }
        guard let uid else { return nil }
        self.init(
            uid: uid, flags: flags, size: size, internalDate: internalDate, modSeq: modSeq, bytes: bytes, part: part)
    }

    /// The messages of a command's answer (FETCH responses with a UID), one per UID in ascending order. A server
    /// may answer one message in several FETCH responses (the bytes in one, FLAGS in another): they are merged,
    /// the first value of each item kept.
    public static func messages(in untagged: [UntaggedResponse]) -> [FetchedMessage] {
        var byUID: [UInt32: FetchedMessage] = [:]
        var sections: [String: Part?] = [:]
        for case .fetch(_, let attributes) in untagged {
            guard let message = FetchedMessage(attributes, sections: &sections) else { continue }
            if let earlier = byUID[message.uid] {
                byUID[message.uid] = earlier.merged(with: message)
            } else {
                byUID[message.uid] = message
            }
        }
        return byUID.values.sorted { $0.uid < $1.uid }
    }

    /// This message with the items it lacks taken from `other` (the same UID).
    public func merged(with other: FetchedMessage) -> FetchedMessage {
        var result = self
        if result.flags.isEmpty { result.flags = other.flags }
        result.size = result.size ?? other.size
        result.internalDate = result.internalDate ?? other.internalDate
        result.modSeq = result.modSeq ?? other.modSeq
        if result.bytes == nil {
            result.bytes = other.bytes
            result.part = other.part
        }
        return result
    }

    /// The part a body section names: "" is the whole message, "HEADER" the header, "HEADER.FIELDS (A B)" those
    /// fields; nil for anything else (including HEADER.FIELDS.NOT and MIME parts).
    static func part(_ section: String) -> Part? {
        let upper = section.uppercased()
        if upper.isEmpty { return .whole }
        if upper == "HEADER" { return .header }
        let prefix = "HEADER.FIELDS "
        guard upper.hasPrefix(prefix) else { return nil }
        var list = upper.dropFirst(prefix.count)
        guard list.first == "(", list.last == ")" else { return nil }
        list = list.dropFirst().dropLast()
        let names = list.split(separator: " ").map { name in
            name.count >= 2 && name.first == "\"" && name.last == "\""
                ? String(name.dropFirst().dropLast()) : String(name)
        }
        return .headerFields(names)
    }
}
