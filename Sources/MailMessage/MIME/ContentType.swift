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
        let (value, parameters) = MIMEParameterParser.parse(headerValue)
        let pieces = value.lowercased().split(separator: "/", maxSplits: 1)
        guard pieces.count == 2 else { return nil }
        let type = pieces[0].trimming(" \t")
        let subtype = pieces[1].trimming(" \t")
        guard !type.isEmpty, !subtype.isEmpty, !type.contains(" "), !subtype.contains(" ") else { return nil }
        self.init(type: type, subtype: subtype, parameters: parameters)
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
