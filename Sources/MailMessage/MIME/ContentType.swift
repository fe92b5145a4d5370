/// A Content-Type (RFC 2045 5): type and subtype in lower case, with parameters.
public struct ContentType: Sendable, Hashable, CustomStringConvertible {
    public let type: String
    public let subtype: String
    public let parameters: MIMEParameters

    public init(type: String, subtype: String, parameters: MIMEParameters = MIMEParameters()) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// Parses a field value; a missing or unreadable type gives nil so the caller applies the default.
    public init?<Bytes: RandomAccessCollection>(headerValue: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        // `type/subtype` read straight from the bytes (this runs for every part); comments and white space
        // around the slash are tolerated.
        var index = headerValue.startIndex
        let end = headerValue.endIndex
        func token() -> String {
            while index < end, ASCII.isLineWhitespace(headerValue[index]) || headerValue[index] == ASCII.openParen {
                if headerValue[index] == ASCII.openParen {
                    while index < end, headerValue[index] != ASCII.closeParen { index += 1 }
                }
                index += 1
            }
            let start = index
            while index < end, Self.isTokenByte(headerValue[index]) { index += 1 }
            // Token bytes are ASCII: lower-cased straight into the String (an array per token was an allocation).
            return ASCII.lowercasedString(headerValue[start..<index])
        }
        let type = token()
        while index < end, ASCII.isLineWhitespace(headerValue[index]) { index += 1 }
        guard !type.isEmpty, index < end, headerValue[index] == ASCII.slash else { return nil }
        index += 1
        let subtype = token()
        guard !subtype.isEmpty else { return nil }
        while index < end, headerValue[index] != ASCII.semicolon {
            // Anything but white space or a comment between the subtype and the parameters: not a type.
            guard ASCII.isLineWhitespace(headerValue[index]) || headerValue[index] == ASCII.openParen else {
                return nil
            }
            if headerValue[index] == ASCII.openParen {
                while index < end, headerValue[index] != ASCII.closeParen { index += 1 }
            }
            index += 1
        }
        let parameters = index < end ? MIMEParameterParser.parse(headerValue[index...]).parameters : MIMEParameters()
        self.init(type: type, subtype: subtype, parameters: parameters)
    }

    /// RFC 2045 token characters: printable ASCII except white space and tspecials.
    @inline(__always) static func isTokenByte(_ byte: UInt8) -> Bool {
        guard byte > ASCII.space, byte < 0x7F else { return false }
        switch byte {
        case ASCII.openParen, ASCII.closeParen, ASCII.lessThan, ASCII.greaterThan, ASCII.at, ASCII.comma,
            ASCII.semicolon, ASCII.colon, ASCII.backslash, ASCII.quote, ASCII.slash, ASCII.openBracket,
            ASCII.closeBracket, ASCII.question, ASCII.equals:
            return false
        default:
            return true
        }
    }

    /// RFC 2045 5.2: what a part without (a valid) Content-Type is.
    public static let textPlain = ContentType(
        type: "text", subtype: "plain", parameters: MIMEParameters([.init(name: "charset", value: "us-ascii")]))
    /// RFC 2046 5.1.5: the default inside multipart/digest.
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// `type/subtype`.
    public var mimeType: String { type + "/" + subtype }
    public var isMultipart: Bool { type == "multipart" }
    public var isText: Bool { type == "text" }
    /// An attached message whose own structure can be read (message/rfc822 and its UTF-8 twin).
    public var isEncapsulatedMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }
    public var charset: String? { parameters["charset"] }
    public var boundary: String? { parameters["boundary"] }

    public var description: String {
        parameters.reduce(mimeType) { $0 + "; \($1.name)=\"\($1.value)\"" }
    }
}

/// A Content-Disposition (RFC 2183): `inline` or `attachment`, with its parameters.
public struct ContentDisposition: Sendable, Hashable {
    /// `inline`, `attachment`, or whatever else was written, in lower case.
    public let kind: String
    public let parameters: MIMEParameters

    public init?<Bytes: RandomAccessCollection>(headerValue: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        let (value, parameters) = MIMEParameterParser.parse(headerValue)
        guard !value.isEmpty else { return nil }
        self.kind = value.lowercased()
        self.parameters = parameters
    }

    public var isAttachment: Bool { kind == "attachment" }
    public var filename: String? { parameters["filename"] }
}
