/// One node of a message's MIME tree (RFC 2045/2046).
///
/// A part records where its header and body lie in the message bytes and shares those bytes (no copy);
/// nothing is decoded until `decodedBody` or `text` is asked for.
public struct MIMEPart: Sendable {
    public indirect enum Body: Sendable {
        /// A leaf: text, an attachment, or anything not split further.
        case single
        /// multipart/*: the parts between the boundaries, with the text before the first and after the last.
        case multipart(preamble: Range<Int>, parts: [MIMEPart], epilogue: Range<Int>)
        /// message/rfc822: the attached message, whose header is the inner message's header.
        case message(MIMEPart)
    }

    public let header: Header
    public let contentType: ContentType
    public let disposition: ContentDisposition?
    public let transferEncoding: TransferEncoding
    /// The whole part, header and body, in the message bytes.
    public let range: Range<Int>
    /// The body, still transfer-encoded.
    public let bodyRange: Range<Int>
    public let body: Body
    /// 0 for the message itself, one more for each multipart or attached message above.
    public let depth: Int
    let bytes: [UInt8]
    /// The decoded text and HTML scan, once computed (shared by the part's copies).
    let decoded = DecodedPart()

    init(
        bytes: [UInt8], header: Header, defaultType: ContentType, range: Range<Int>, bodyRange: Range<Int>,
        body: Body, depth: Int
    ) {
        self.bytes = bytes
        self.header = header
        self.contentType = header.first("Content-Type").flatMap { ContentType(headerValue: $0.rawValue) } ?? defaultType
        self.disposition = header.first("Content-Disposition").flatMap { ContentDisposition(headerValue: $0.rawValue) }
        self.transferEncoding = TransferEncoding(field: header.first("Content-Transfer-Encoding"))
        self.range = range
        self.bodyRange = bodyRange
        self.body = body
        self.depth = depth
    }

    /// `leaf` with another body (a multipart's parts, an attached message): its header's types as already read
    /// (the parser reads them to know whether to descend; reading them again was a second parse of every
    /// multipart's Content-Type).
    init(_ leaf: MIMEPart, body: Body) {
        bytes = leaf.bytes
        header = leaf.header
        contentType = leaf.contentType
        disposition = leaf.disposition
        transferEncoding = leaf.transferEncoding
        range = leaf.range
        bodyRange = leaf.bodyRange
        self.body = body
        depth = leaf.depth
    }

    /// Bytes of the message (or of the decoded attached message) this part belongs to, for ranges such as a
    /// multipart's preamble and epilogue.
    public func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    /// The body bytes as they stand in the message (transfer-encoded).
    public var rawBody: ArraySlice<UInt8> { bytes[bodyRange] }

    /// The body with its transfer encoding undone.
    public var decodedBody: [UInt8] { transferEncoding.decode(bytes[bodyRange]) }

    /// The decoded body as text for text/* parts (HTML as written), nil for any other type.
    /// An unknown or missing charset falls back to UTF-8, then Windows-1252. Decoded once per part: the
    /// tokenizer and the rules both read it.
    public var text: String? {
        guard contentType.isText else { return nil }
        return decoded.text {
            // A body sent as it is (7bit, 8bit) is decoded from the message bytes: `decodedBody` would copy it
            // first.
            switch transferEncoding {
            case .base64, .quotedPrintable: Self.text(of: decodedBody, charset: contentType.charset)
            case .sevenBit, .eightBit, .binary, .other: Self.text(of: bytes[bodyRange], charset: contentType.charset)
            }
        }
    }

    /// `body` in `charset`; an unknown or missing charset falls back to UTF-8, then Windows-1252.
    private static func text<Bytes: Collection>(of body: Bytes, charset: String?) -> String
    where Bytes.Element == UInt8 {
        if let charset, let text = Charset.decode(body, charset: charset) { return text }
        return Charset.decodeUnlabeled(body)
    }

    /// `HTMLText.scan` of `text` (its plain text, links and hidden-text measure) with the default link limit,
    /// for a text part (an empty scan for any other); scanned once per part: the tokenizer reads its plain
    /// text, the rules its text, links and measure.
    public var htmlScan: HTMLScan {
        decoded.htmlScan { HTMLText.scan(text ?? "") }
    }

    /// The child parts: a multipart's parts, or the attached message's root.
    public var children: [MIMEPart] {
        switch body {
        case .single: []
        case .multipart(_, let parts, _): parts
        case .message(let inner): [inner]
        }
    }

    /// The file name from Content-Disposition, else the obsolete Content-Type `name`.
    public var filename: String? {
        disposition?.filename ?? contentType.parameters["name"]
    }

    /// Whether a reader sees this part as an attachment rather than as the message text.
    public var isAttachment: Bool {
        if disposition?.isAttachment == true { return true }
        if contentType.isMultipart || contentType.isEncapsulatedMessage { return false }
        return !contentType.isText && filename != nil
    }

    /// This part and every part below it, in document order.
    public var allParts: [MIMEPart] {
        var result: [MIMEPart] = []
        var stack: [MIMEPart] = [self]
        while let part = stack.popLast() {
            result.append(part)
            stack.append(contentsOf: part.children.reversed())
        }
        return result
    }
}
