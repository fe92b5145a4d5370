/// How much memory a response holds, roughly: its data bytes plus a fixed cost per value (a `String` or an array
/// is 16 bytes before any heap storage). Used to bound what accumulates: the untagged data of one command and the
/// events nobody has read yet. It never undercounts by much, since every item costs at least its overhead.
extension UntaggedResponse {
    public var approximateBytes: Int {
        let base = 32
        switch self {
        case .state(let state), .preauth(let state), .bye(let state):
            return base + Self.size(of: state)
        case .capability(let names), .enabled(let names), .flags(let names):
            return base + Self.size(of: names)
        case .exists, .recent, .expunge:
            return base
        case .vanished(_, let uids):
            return base + Self.size(of: uids)
        case .fetch(_, let attributes):
            return base + attributes.reduce(0) { $0 + Self.size(of: $1) }
        case .list(let entry), .lsub(let entry):
            return base + Self.size(of: entry.attributes) + Self.size(of: entry.name.raw)
                + Self.size(of: entry.childInfo)
        case .status(let mailbox, let items):
            return base + Self.size(of: mailbox.raw) + items.keys.reduce(0) { $0 + Self.size(of: $1) + 8 }
        case .search(let numbers, _):
            return base + 16 + numbers.count * 4
        case .esearch(let result):
            return base + 64 + (result.tag.map(Self.size(of:)) ?? 0) + (result.all.map(Self.size(of:)) ?? 0)
        case .quota(let root, let resources):
            return base + Self.size(of: root) + resources.reduce(16) { $0 + Self.size(of: $1.name) + 16 }
        case .quotaRoot(let mailbox, let roots):
            return base + Self.size(of: mailbox.raw) + Self.size(of: roots)
        case .namespace(let namespaces):
            let entries = namespaces.personal + namespaces.otherUsers + namespaces.shared
            return base + entries.reduce(48) { $0 + Self.size(of: $1.prefix.raw) + 8 }
        case .id(let fields):
            return base + (fields ?? [:]).reduce(16) { $0 + Self.size(of: $1.key) + Self.size(of: $1.value) }
        }
    }

    private static func size(of text: String) -> Int { 16 + text.utf8.count }
    private static func size(of bytes: [UInt8]) -> Int { 16 + bytes.count }
    private static func size(of bytes: [UInt8]?) -> Int { 16 + (bytes?.count ?? 0) }
    private static func size(of texts: [String]) -> Int { texts.reduce(16) { $0 + size(of: $1) } }
    private static func size(of set: UIDSet) -> Int { 16 + set.ranges.count * 8 }

    private static func size(of state: ResponseState) -> Int {
        var total = size(of: state.text)
        switch state.code {
        case .capability(let names), .permanentFlags(let names): total += size(of: names)
        case .appendUID(_, let uids): total += size(of: uids)
        case .copyUID(_, let source, let destination): total += size(of: source) + size(of: destination)
        case .other(let name, let text): total += size(of: name) + (text.map(size(of:)) ?? 0)
        default: total += 16
        }
        return total
    }

    private static func size(of attribute: FetchAttribute) -> Int {
        switch attribute {
        case .uid, .rfc822Size, .modSeq: return 24
        case .flags(let flags): return 16 + size(of: flags)
        case .internalDate(let date): return 16 + size(of: date)
        case .body(let section, _, let data): return 24 + size(of: section) + size(of: data)
        case .binary(let section, let data): return 16 + size(of: section) + size(of: data)
        case .binarySize(let section, _): return 24 + size(of: section)
        case .other(let name): return 16 + size(of: name)
        case .envelope(let envelope):
            let texts = [envelope.date, envelope.subject, envelope.inReplyTo, envelope.messageID]
            let addresses = [envelope.from, envelope.sender, envelope.replyTo, envelope.to, envelope.cc, envelope.bcc]
            return 16 + texts.reduce(0) { $0 + size(of: $1) }
                + addresses.reduce(0) { total, list in
                    total
                        + list.reduce(16) {
                            $0 + size(of: $1.name) + size(of: $1.route) + size(of: $1.mailbox) + size(of: $1.host)
                        }
                }
        }
    }
}
