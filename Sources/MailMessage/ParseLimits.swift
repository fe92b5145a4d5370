/// Bounds on what one message may make the parser do. Messages are hostile until parsed: past a bound the
/// model is cut short, stays valid, and says so in `Message.truncations`.
public struct ParseLimits: Sendable, Hashable {
    /// Bytes of the message that are parsed at all; the rest is ignored (and reported).
    public var maxMessageBytes: Int
    /// Header fields kept per header block (the message's and each part's).
    public var maxHeaderFields: Int
    /// Bytes of one header block; a longer block ends there and the rest counts as body.
    public var maxHeaderBytes: Int
    /// Nesting of multiparts and attached messages below the top-level message.
    public var maxMIMEDepth: Int
    /// MIME parts in the whole tree, the root included.
    public var maxParts: Int
    /// UTF-8 bytes of extracted plain text for the whole message (for rules and search).
    public var maxTextBytes: Int

    public init(
        maxMessageBytes: Int = 64 << 20,
        maxHeaderFields: Int = 1000,
        maxHeaderBytes: Int = 1 << 20,
        maxMIMEDepth: Int = 32,
        maxParts: Int = 1000,
        maxTextBytes: Int = 4 << 20
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxHeaderFields = maxHeaderFields
        self.maxHeaderBytes = maxHeaderBytes
        self.maxMIMEDepth = maxMIMEDepth
        self.maxParts = maxParts
        self.maxTextBytes = maxTextBytes
    }

    public static let `default` = ParseLimits()
}

/// A place where the parser stopped short because a limit was reached.
public struct Truncation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case messageSize = "message-size"
        case headerFields = "header-fields"
        case headerSize = "header-size"
        case mimeDepth = "mime-depth"
        case partCount = "part-count"
        case textSize = "text-size"
    }

    public let kind: Kind
    /// Byte offset in the message where the limit took effect.
    public let offset: Int
    public let limit: Int

    public var description: String {
        switch kind {
        case .messageSize: "message larger than \(limit) bytes: only the first \(limit) bytes were parsed"
        case .headerFields: "more than \(limit) header fields at byte \(offset): the rest were ignored"
        case .headerSize: "header block longer than \(limit) bytes at byte \(offset): cut there"
        case .mimeDepth: "MIME nesting deeper than \(limit) at byte \(offset): kept as one opaque part"
        case .partCount: "more than \(limit) MIME parts: the rest were not split (at byte \(offset))"
        case .textSize: "extracted text longer than \(limit) bytes: cut"
        }
    }
}
