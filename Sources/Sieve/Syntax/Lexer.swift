/// Splits a Sieve script into tokens (RFC 5228 section 8.1), collecting every lexical error rather than
/// stopping at the first.
///
/// Line breaks may be CRLF or LF; inside strings they become CRLF, as RFC 5228 2.4.2 and Pigeonhole have them.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private(set) var diagnostics: [SieveDiagnostic] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// All tokens, ending with `.end`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: SourceLocation {
        SourceLocation(line: line, column: index - lineStart + 1, offset: index)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    /// Moves past one byte, keeping line and column right.
    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    private mutating func next() -> Token {
        skipWhiteSpaceAndComments()
        let start = location
        guard let byte = peek() else { return Token(kind: .end, location: start) }
        let single: [UInt8: Token.Kind] = [
            UInt8(ascii: "["): .leftBracket, UInt8(ascii: "]"): .rightBracket, UInt8(ascii: "("): .leftParen,
            UInt8(ascii: ")"): .rightParen, UInt8(ascii: "{"): .leftBrace, UInt8(ascii: "}"): .rightBrace,
            UInt8(ascii: ","): .comma, UInt8(ascii: ";"): .semicolon,
        ]
        if let kind = single[byte] {
            advance()
            return Token(kind: kind, location: start)
        }
        switch byte {
        case UInt8(ascii: "\""):
            return Token(kind: .string(quotedString(), multiline: false), location: start)
        case UInt8(ascii: ":"):
            advance()
            let name = identifier()
            if name.isEmpty {
                error("expected a tag name after ':'", at: start)
                return next()
            }
            return Token(kind: .tag(name.lowercased()), location: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Token(kind: .number(number(start)), location: start)
        case _ where Self.isIdentifierStart(byte):
            let name = identifier()
            if name.lowercased() == "text", peek() == UInt8(ascii: ":") {
                advance()
                return Token(kind: .string(multilineString(start), multiline: true), location: start)
            }
            return Token(kind: .identifier(name), location: start)
        default:
            error("unexpected character \(Self.describe(byte))", at: start)
            advance()
            return next()
        }
    }

    private mutating func skipWhiteSpaceAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance()
            case UInt8(ascii: "#"):
                while let c = peek(), c != UInt8(ascii: "\n") { advance() }
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                let start = location
                advance()
                advance()
                while peek() != nil, !(peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/")) { advance() }
                if peek() == nil {
                    error("comment started here is never closed with '*/'", at: start)
                } else {
                    advance()
                    advance()
                }
            default:
                return
            }
        }
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    private mutating func identifier() -> String {
        let start = index
        while let byte = peek(),
            Self.isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        {
            advance()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func number(_ start: SourceLocation) -> UInt64 {
        var value: UInt64 = 0
        var overflow = false
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            advance()
        }
        if let byte = peek() {
            let shift: UInt64? =
                switch byte | 0x20 {
                case UInt8(ascii: "k"): 10
                case UInt8(ascii: "m"): 20
                case UInt8(ascii: "g"): 30
                default: nil
                }
            if let shift {
                advance()
                overflow = overflow || value > (UInt64.max >> shift)
                value <<= shift
            }
        }
        if let byte = peek(), Self.isIdentifierStart(byte) {
            error("a number must not run into letters (\(Self.describe(byte)))", at: location)
        }
        if overflow {
            error("number is too large (at most \(UInt64.max))", at: start)
            return UInt64.max
        }
        return value
    }

    /// A quoted string (RFC 5228 2.4.2): `\"` and `\\` escape; any other backslash is dropped.
    private mutating func quotedString() -> String {
        let start = location
        advance()
        var content: [UInt8] = []
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return validUTF8(content, start)
            case UInt8(ascii: "\\"):
                advance()
                if let escaped = peek() {
                    appendNormalizingLineBreak(escaped, to: &content)
                    advance()
                }
            default:
                appendNormalizingLineBreak(byte, to: &content)
                advance()
            }
        }
        error("string started here is never closed with '\"'", at: start)
        return validUTF8(content, start)
    }

    /// Keeps CRLF as it is and turns a lone LF into CRLF.
    private func appendNormalizingLineBreak(_ byte: UInt8, to content: inout [UInt8]) {
        if byte == UInt8(ascii: "\n"), content.last != UInt8(ascii: "\r") {
            content.append(UInt8(ascii: "\r"))
        }
        content.append(byte)
    }

    /// A `text:` block (RFC 5228 2.4.2): lines up to a line holding only `.`, with leading `..` unstuffed.
    private mutating func multilineString(_ start: SourceLocation) -> String {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
        if peek() == UInt8(ascii: "#") {
            while let c = peek(), c != UInt8(ascii: "\n") { advance() }
        }
        if peek() == UInt8(ascii: "\r") { advance() }
        guard peek() == UInt8(ascii: "\n") else {
            error("'text:' must be followed by a line break", at: location)
            return ""
        }
        advance()
        var content: [UInt8] = []
        while index < bytes.count {
            let lineBegin = index
            var lineEnd = index
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var body = bytes[lineBegin..<lineEnd]
            if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
            while index < min(lineEnd + 1, bytes.count) { advance() }
            if body.count == 1 && body.first == UInt8(ascii: ".") { return validUTF8(content, start) }
            if body.first == UInt8(ascii: "."), body.count > 1, body[body.startIndex + 1] == UInt8(ascii: ".") {
                body = body.dropFirst()
            }
            content += body
            content += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        }
        error("'text:' block started here has no final line with a single '.'", at: start)
        return validUTF8(content, start)
    }

    private mutating func validUTF8(_ content: [UInt8], _ start: SourceLocation) -> String {
        if let text = String(validating: content, as: UTF8.self) { return text }
        error("string is not valid UTF-8", at: start)
        return String(decoding: content, as: UTF8.self)
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
