extension Command {
    /// Why this command cannot be sent as asked, or nil. Flags, keywords, header names, dates and capability
    /// names are written into the command line as they are; one with a space, a parenthesis or a line break
    /// (from a Sieve script's `addflag`, say) would change what the command means, so it is refused instead.
    public var invalidArgument: String? {
        switch self {
        case .uidStore(_, _, let flags, _):
            return Self.firstInvalidFlag(flags)
        case .append(_, let flags, let internalDate, _):
            return Self.firstInvalidFlag(flags) ?? internalDate.flatMap(Self.invalidDate)
        case .multiAppend(_, let messages):
            if messages.isEmpty { return "MULTIAPPEND of no message" }
            for message in messages {
                if let problem = Self.firstInvalidFlag(message.flags) ?? message.internalDate.flatMap(Self.invalidDate)
                {
                    return problem
                }
            }
            return nil
        case .enable(let names), .status(_, let names), .list(_, _, let names):
            return names.first { !Self.isAtom($0) }.map { "not an IMAP atom: \(String(reflecting: $0))" }
        case .uidSearch(let key, _):
            return key.firstInvalidKeyword.map { "not a valid IMAP keyword: \(String(reflecting: $0))" }
        case .uidFetch(_, let items, _):
            for case .headerFields(let names) in items {
                if let bad = names.first(where: { name in
                    name.isEmpty
                        || !name.utf8.allSatisfy {
                            $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") && Cursor.isAtomChar($0)
                        }
                }) {
                    return "not a header field name: \(String(reflecting: bad))"
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// A system flag (`\Seen`) or a keyword: an atom, optionally after one backslash.
    private static func firstInvalidFlag(_ flags: [String]) -> String? {
        flags.first { flag in !isAtom(flag.hasPrefix("\\") ? String(flag.dropFirst()) : flag) }
            .map { "not a valid IMAP flag or keyword: \(String(reflecting: $0))" }
    }

    private static func isAtom(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { Cursor.isAtomChar($0) }
    }

    /// RFC 3501 date-time: `"d-Mon-yyyy hh:mm:ss +zzzz"`, the day with a leading space or digit.
    private static func invalidDate(_ date: String) -> String? {
        let bytes = Array(date.utf8)
        let shape = Array("dd-MMM-yyyy hh:ii:ss +zzzz".utf8)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard bytes.count == shape.count, months.contains(String(decoding: bytes[3..<6], as: UTF8.self)),
            bytes[21] == UInt8(ascii: "+") || bytes[21] == UInt8(ascii: "-")
        else { return "not an IMAP date-time (\"26-Nov-2026 18:15:28 +0000\"): \(String(reflecting: date))" }
        for (index, expected) in shape.enumerated() {
            let byte = bytes[index]
            let fits: Bool
            switch expected {
            case UInt8(ascii: "d"): fits = (index == 0 && byte == UInt8(ascii: " ")) || (48...57).contains(byte)
            case UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "i"), UInt8(ascii: "s"), UInt8(ascii: "z"):
                fits = (48...57).contains(byte)
            case UInt8(ascii: "M"), UInt8(ascii: "+"): fits = true
            default: fits = byte == expected
            }
            if !fits { return "not an IMAP date-time (\"26-Nov-2026 18:15:28 +0000\"): \(String(reflecting: date))" }
        }
        return nil
    }
}

extension SearchKey {
    /// The first keyword of these criteria that is not an atom (written as it is, it would change the search).
    fileprivate var firstInvalidKeyword: String? {
        switch self {
        case .keyword(let keyword):
            return !keyword.isEmpty && keyword.utf8.allSatisfy({ Cursor.isAtomChar($0) }) ? nil : keyword
        case .not(let inner): return inner.firstInvalidKeyword
        case .or(let left, let right): return left.firstInvalidKeyword ?? right.firstInvalidKeyword
        case .and(let keys): return keys.lazy.compactMap(\.firstInvalidKeyword).first
        default: return nil
        }
    }
}
