/// The parameters of a Content-Type or Content-Disposition field, names in lower case, in order.
public struct MIMEParameters: Sendable, Hashable, Sequence {
    public struct Parameter: Sendable, Hashable, Codable {
        public let name: String
        public let value: String
    }

    public let items: [Parameter]

    public init(_ items: [Parameter] = []) {
        self.items = items
    }

    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return items.first { $0.name == key }?.value
    }

    public func makeIterator() -> IndexingIterator<[Parameter]> {
        items.makeIterator()
    }
}

/// Parses `value; name=value; name*=utf-8''%C3%A9t%C3%A9; name*0="a"; name*1="b"`.
///
/// RFC 2045 5.1 with RFC 2231 continuations and charsets. Tolerant: unquoted values with spaces (Outlook writes
/// `filename=mon fichier.pdf`), RFC 2047 words inside quoted values (also Outlook), stray semicolons.
enum MIMEParameterParser {
    static let maxContinuations = 100

    static func parse<Bytes: RandomAccessCollection>(_ input: Bytes) -> (value: String, parameters: MIMEParameters)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes = Array(input)
        var index = 0
        let valueEnd = bytes.firstIndex(of: ASCII.semicolon) ?? bytes.count
        let value = Charset.decodeUnlabeled(withoutComments(bytes[0..<valueEnd])).trimming(" \t")
        index = valueEnd

        // By name, so a field with thousands of parameters costs one lookup per parameter, not a scan of all
        // the earlier ones. The first plain value of a name is the one kept.
        var plain: [String: String] = [:]
        var segments: [String: [(index: Int, extended: Bool, bytes: [UInt8])]] = [:]
        var order: [String] = []
        while index < bytes.count {
            while index < bytes.count, bytes[index] == ASCII.semicolon || ASCII.isLineWhitespace(bytes[index]) {
                index += 1
            }
            guard index < bytes.count else { break }
            let nameStart = index
            while index < bytes.count, bytes[index] != ASCII.equals, bytes[index] != ASCII.semicolon { index += 1 }
            let rawName = Self.name(bytes[nameStart..<index])
            guard index < bytes.count, bytes[index] == ASCII.equals else { continue }  // a name with no value
            index += 1
            while index < bytes.count, ASCII.isLineWhitespace(bytes[index]) { index += 1 }
            let (valueBytes, next) = readValue(bytes, from: index)
            index = next
            // A value with no name (`; =x`) is dropped only once it is read: the loop must always advance.
            guard !rawName.isEmpty else { continue }

            if let star = rawName.firstIndex(of: "*") {
                let base = String(rawName[..<star])
                let rest = rawName[rawName.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                let number = rest.isEmpty ? 0 : Int(rest.hasSuffix("*") ? rest.dropLast() : rest)
                guard let number, number >= 0, number < maxContinuations else { continue }
                if segments[base] == nil { order.append(base) }
                if segments[base, default: []].count < maxContinuations {
                    segments[base, default: []].append((number, extended, valueBytes))
                }
            } else {
                guard plain[rawName] == nil else { continue }
                order.append(rawName)
                plain[rawName] =
                    rawName == "boundary"
                    ? Charset.decodeUnlabeled(valueBytes) : EncodedWords.decode(valueBytes)
            }
        }

        var items: [MIMEParameters.Parameter] = []
        for name in order {
            // An RFC 2231 value wins over a plain one of the same name (mailers send both for old readers).
            if let parts = segments[name] {
                items.append(.init(name: name, value: joinSegments(parts)))
            } else if let value = plain[name] {
                items.append(.init(name: name, value: value))
            }
        }
        return (value, MIMEParameters(items))
    }

    /// A parameter's name: its bytes trimmed of white space and lower-cased. An ASCII name, as nearly all are,
    /// is lower-cased from its bytes straight into the String: the same text as trimming and lower-casing a
    /// String of them (three Strings made per parameter), since ASCII lower-cases to ASCII and no other scalar
    /// trims as white space.
    private static func name(_ bytes: ArraySlice<UInt8>) -> String {
        let trimmed = bytes.trimmedRange(bytes.startIndex..<bytes.endIndex)
        guard bytes[trimmed].allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self).trimming(" \t\r\n").lowercased()
        }
        return ASCII.lowercasedString(bytes[trimmed])
    }

    /// A quoted string (escapes resolved) or an unquoted run up to the next `;`, trimmed.
    private static func readValue(_ bytes: [UInt8], from start: Int) -> ([UInt8], Int) {
        var index = start
        var value: [UInt8] = []
        if index < bytes.count, bytes[index] == ASCII.quote {
            index += 1
            while index < bytes.count, bytes[index] != ASCII.quote {
                if bytes[index] == ASCII.backslash, index + 1 < bytes.count {
                    index += 1
                }
                if bytes[index] != ASCII.cr && bytes[index] != ASCII.lf { value.append(bytes[index]) }
                index += 1
            }
            index += 1
            // Skip anything up to the next parameter.
            while index < bytes.count, bytes[index] != ASCII.semicolon { index += 1 }
            return (value, index)
        }
        while index < bytes.count, bytes[index] != ASCII.semicolon {
            value.append(bytes[index])
            index += 1
        }
        let trimmed = value.trimmedRange(0..<value.count)
        return (Array(value[trimmed]), index)
    }

    /// Joins RFC 2231 continuations in order; `charset'language'` of the first extended segment applies.
    private static func joinSegments(_ parts: [(index: Int, extended: Bool, bytes: [UInt8])]) -> String {
        let sorted = parts.sorted { $0.index < $1.index }
        var charset: String?
        var joined: [UInt8] = []
        for (position, part) in sorted.enumerated() {
            var bytes = part.bytes[...]
            if part.extended && position == 0 {
                let pieces = bytes.split(separator: ASCII.apostrophe, maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = String(decoding: pieces[0], as: UTF8.self)
                    bytes = pieces[2]
                }
            }
            joined += part.extended ? PercentEncoding.decode(bytes, strict: false)! : Array(bytes)
        }
        if let charset, !charset.isEmpty, let text = Charset.decode(joined, charset: charset) { return text }
        return Charset.decodeUnlabeled(joined)
    }

    private static func withoutComments(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var depth = 0
        for byte in bytes {
            if byte == ASCII.openParen { depth += 1 }
            if depth == 0 { out.append(byte) }
            if byte == ASCII.closeParen && depth > 0 { depth -= 1 }
        }
        return out
    }
}
