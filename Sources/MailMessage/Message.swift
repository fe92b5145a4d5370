/// A parsed mail message (RFC 5322 with MIME).
///
/// Parsing is in two steps because most work needs only the first: `.headers` reads the header block and
/// nothing else (enough for most rules); `.full` also splits the MIME tree. Neither decodes a body: that
/// happens when `MIMEPart.decodedBody`, `MIMEPart.text` or `plainText()` is asked for.
public struct Message: Sendable {
    public enum Scope: Sendable {
        case headers
        case full
    }

    /// The message bytes (shared with every part, never copied).
    public let bytes: [UInt8]
    public let header: Header
    /// The body: everything after the empty line that ends the header block.
    public let bodyRange: Range<Int>
    /// The MIME tree; for `.headers` a single part holding the whole body.
    public let root: MIMEPart
    /// Where the parser stopped short because of a limit; empty for an ordinary message.
    public let truncations: [Truncation]
    public let limits: ParseLimits

    /// Parses `bytes` (CRLF or LF line ends). Never fails: hostile input gives a truncated but valid model.
    public init(_ bytes: [UInt8], scope: Scope = .full, limits: ParseLimits = .default) {
        self.bytes = bytes
        self.limits = limits
        var truncations: [Truncation] = []
        let end = min(bytes.count, limits.maxMessageBytes)
        if end < bytes.count {
            truncations.append(Truncation(kind: .messageSize, offset: end, limit: limits.maxMessageBytes))
        }
        let parsed = HeaderParser.parse(bytes, range: 0..<end, limits: limits)
        truncations += parsed.truncations
        header = parsed.header
        bodyRange = parsed.bodyStart..<end
        var parser = MIMEParser(bytes: bytes, limits: limits)
        switch scope {
        case .headers:
            root = MIMEPart(
                bytes: bytes, header: header, defaultType: .textPlain, range: 0..<end, bodyRange: bodyRange,
                body: .single, depth: 0)
        case .full:
            root = parser.part(header: header, defaultType: .textPlain, range: 0..<end, bodyRange: bodyRange, depth: 0)
            truncations += parser.truncations
        }
        self.truncations = truncations
    }

    public init<Bytes: Sequence>(bytes: Bytes, scope: Scope = .full, limits: ParseLimits = .default)
    where Bytes.Element == UInt8 {
        self.init(Array(bytes), scope: scope, limits: limits)
    }

    /// Whether a limit cut the parse short.
    public var isTruncated: Bool { !truncations.isEmpty }
}
