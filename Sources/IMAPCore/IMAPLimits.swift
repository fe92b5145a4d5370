/// Bounds on what a server may send. Past any of them the response is refused with a `IMAPParseError`, and
/// the client closes the connection: a hostile or broken server cannot make the client use unbounded memory.
public struct IMAPLimits: Sendable, Hashable {
    /// Bytes of one line, literals excluded.
    public var maxLineBytes: Int
    /// Bytes of one literal (a message body is one literal: the largest message the daemon will fetch).
    public var maxLiteralBytes: Int
    /// Bytes of one whole response, literals included.
    public var maxResponseBytes: Int
    /// Depth of nested parenthesised lists (BODYSTRUCTURE nests; nothing else needs more than a few).
    public var maxNesting: Int

    public init(
        maxLineBytes: Int = 256 << 10, maxLiteralBytes: Int = 256 << 20, maxResponseBytes: Int = 300 << 20,
        maxNesting: Int = 32
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxLiteralBytes = maxLiteralBytes
        self.maxResponseBytes = maxResponseBytes
        self.maxNesting = maxNesting
    }

    public static let `default` = IMAPLimits()
}
