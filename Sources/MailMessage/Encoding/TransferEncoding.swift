/// A Content-Transfer-Encoding (RFC 2045 6).
public enum TransferEncoding: Sendable, Hashable, CustomStringConvertible {
    case sevenBit, eightBit, binary, base64, quotedPrintable
    /// An encoding this parser does not decode (x-uuencode, …): the body is passed through as it is.
    case other(String)

    public init(headerValue: String?) {
        guard let raw = headerValue else {
            self = .sevenBit
            return
        }
        // Comments and parameters are not allowed here but do occur: keep the first token only.
        // The first run of characters between separators, as `split(whereSeparator:).first` gives it, without
        // splitting the whole value (that split was an eighth of parsing a message's structure).
        let isSeparator = { (character: Character) in
            character == " " || character == "\t" || character == ";" || character == "("
        }
        self.init(token: String(raw.lowercased().drop(while: isSeparator).prefix(while: { !isSeparator($0) })))
    }

    /// The encoding of a field (nil: none), as `init(headerValue:)` of its unfolded value gives it. An ASCII value,
    /// as they all are, is read from its bytes: the lower-cased copy and the Character-level search of that
    /// init were most of reading a part's encoding.
    init(field: HeaderField?) {
        guard let field else {
            self = .sevenBit
            return
        }
        self = field.withUnfoldedValueUTF8 { value -> TransferEncoding in
            guard value.allSatisfy({ $0 < 0x80 }) else {
                return TransferEncoding(headerValue: String(decoding: value, as: UTF8.self))
            }
            // In ASCII without CR or LF (unfolded), each byte is a Character: the same token as the String path.
            func isSeparator(_ byte: UInt8) -> Bool {
                byte == ASCII.space || byte == ASCII.tab || byte == ASCII.semicolon || byte == ASCII.openParen
            }
            var index = 0
            while index < value.count, isSeparator(value[index]) { index += 1 }
            let start = index
            while index < value.count, !isSeparator(value[index]) { index += 1 }
            return TransferEncoding(token: ASCII.lowercasedString(value[start..<index]))
        }
    }

    /// The encoding a lower-cased token names.
    private init(token: String) {
        switch token {
        case "", "7bit": self = .sevenBit
        case "8bit": self = .eightBit
        case "binary": self = .binary
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        default: self = .other(token)
        }
    }

    public var description: String {
        switch self {
        case .sevenBit: "7bit"
        case .eightBit: "8bit"
        case .binary: "binary"
        case .base64: "base64"
        case .quotedPrintable: "quoted-printable"
        case .other(let name): name
        }
    }

    /// Decodes a body in this encoding; unknown encodings pass through unchanged.
    public func decode<Bytes: RandomAccessCollection>(_ body: Bytes) -> [UInt8]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        switch self {
        case .base64: Base64.decode(body)
        case .quotedPrintable: QuotedPrintable.decode(body)
        case .sevenBit, .eightBit, .binary, .other: Array(body)
        }
    }
}
