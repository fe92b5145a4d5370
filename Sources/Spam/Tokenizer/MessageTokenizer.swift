import MailMessage

/// A message's tokens, as the learner trains on them and scores them.
public struct MessageTokens: Sendable {
    /// Each distinct token once, headers first.
    public let hashes: [TokenHash]
    /// The tokens' texts, when asked for (to explain a score); nil otherwise.
    public let names: [TokenHash: String]?
    /// Whether the limit on tokens or text cut the message short.
    public let isTruncated: Bool

    public init(hashes: [TokenHash], names: [TokenHash: String]? = nil, isTruncated: Bool = false) {
        self.hashes = hashes
        self.names = names
        self.isTruncated = isTruncated
    }
}

/// Turns a message into tokens: words of the headers that tell (Subject, From, To, Received, Return-Path, and the
/// rest with a common prefix), the names of the header fields present, and the decoded text of every text part
/// (HTML as the reader sees it, plus the hosts its links point to), with each part's type and each attachment's
/// file name extension. Every step is bounded by `TokenizerLimits`.
public struct MessageTokenizer: Sendable {
    public let limits: TokenizerLimits

    public init(limits: TokenizerLimits = .default) {
        self.limits = limits
    }

    public func tokens(of bytes: [UInt8], keepNames: Bool = false) -> MessageTokens {
        tokens(of: Message(bytes), keepNames: keepNames)
    }

    public func tokens(of message: Message, keepNames: Bool = false) -> MessageTokens {
        var sink = TokenSink(limit: limits.maxTokens, keepNames: keepNames)
        var scanner = WordScanner(maxWordBytes: limits.maxWordBytes)
        var budget = limits.maxTextBytes
        addHeader(message.header, scanner: &scanner, budget: &budget, into: &sink)
        addParts(message.root, scanner: &scanner, budget: &budget, into: &sink)
        if message.isTruncated { sink.add(prefix: .special, text: "truncated") }
        return MessageTokens(hashes: sink.ordered, names: sink.names, isTruncated: sink.isFull || budget <= 0)
    }

    private func addHeader(_ header: Header, scanner: inout WordScanner, budget: inout Int, into sink: inout TokenSink)
    {
        for field in header.fields.prefix(limits.maxHeaderFields) {
            let role = HeaderRole(addingNameOf: field, into: &sink)
            // The values' bytes are scanned where they lie when they are their text (see `HeaderField`).
            switch role {
            case .subject:
                field.readDecodedValueUTF8 { scanner.scan($0, prefix: .subject, budget: &budget, into: &sink) }
            case .from: field.readDecodedValueUTF8 { scanner.scan($0, prefix: .from, budget: &budget, into: &sink) }
            case .to: field.readDecodedValueUTF8 { scanner.scan($0, prefix: .to, budget: &budget, into: &sink) }
            case .returnPath:
                field.readUnfoldedValueUTF8 { scanner.scan($0, prefix: .returnPath, budget: &budget, into: &sink) }
            case .received:
                field.readUnfoldedValueUTF8 { value in
                    scanner.scan(value, prefix: .received, budget: &budget, into: &sink)
                    ReceivedSubnets.add(value, into: &sink)
                }
            // Message structure is read from the parts themselves; these would repeat it.
            case .structure: continue
            case .other: field.readDecodedValueUTF8 { scanner.scan($0, prefix: .header, budget: &budget, into: &sink) }
            }
        }
    }

    private func addParts(_ part: MIMEPart, scanner: inout WordScanner, budget: inout Int, into sink: inout TokenSink) {
        guard budget > 0, !sink.isFull else { return }
        // "mime:type/subtype", hashed from the two names: `mimeType` would be a String made for every part.
        var state = TokenPrefix.part.state
        state.add(part.contentType.type)
        state.add(UInt8(ascii: "/"))
        state.add(part.contentType.subtype)
        sink.add(state.value, name: TokenPrefix.part.rawValue + part.contentType.mimeType)
        switch part.body {
        case .multipart(let preamble, let parts, _) where parts.isEmpty:
            // The boundary never occurs (broken mail, often spam): a reader sees the whole body as text.
            sink.add(prefix: .special, text: "boundary-missing")
            scanner.scan(Charset.decodeUnlabeled(part.bytes(preamble)), prefix: .body, budget: &budget, into: &sink)
        case .multipart(_, let parts, _):
            for child in parts { addParts(child, scanner: &scanner, budget: &budget, into: &sink) }
        case .message(let inner):
            addHeader(inner.header, scanner: &scanner, budget: &budget, into: &sink)
            addParts(inner, scanner: &scanner, budget: &budget, into: &sink)
        case .single:
            if let filename = part.filename {
                let ext = filename.split(separator: ".").last.map { String($0).lowercased() } ?? ""
                sink.add(prefix: .part, text: "file." + String(ext.prefix(16)))
            }
            guard part.contentType.isText, !part.isAttachment, let text = part.text else { return }
            switch part.contentType.subtype {
            case "html":
                LinkHost.scanLinks(text, budget: &budget, into: &sink)
                // The markup itself too (tag and attribute words, colours, fonts): spam's HTML differs from a
                // mail client's, and bogofilter's gain over text alone is largely this.
                scanner.scan(text, prefix: .body, budget: &budget, into: &sink)
                scanner.scan(part.htmlScan.text, prefix: .body, budget: &budget, into: &sink)
            default:
                scanner.scan(text, prefix: .body, budget: &budget, into: &sink)
            }
        }
    }
}
