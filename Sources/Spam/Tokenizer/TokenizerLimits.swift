/// The bounds of one message's tokenization: a hostile message costs at most this much.
public struct TokenizerLimits: Sendable, Hashable {
    /// Distinct tokens kept per message; the rest are ignored (the first ones, headers first, are the most
    /// telling). bogofilter and SpamBayes keep every token, so a 20 MB message costs them 20 MB of work.
    public var maxTokens: Int
    /// Text bytes read per message, headers and decoded body parts together.
    public var maxTextBytes: Int
    /// Words longer than this (base64 debris, hashes) become one "long word" token of their length class.
    public var maxWordBytes: Int
    /// Header fields read per message.
    public var maxHeaderFields: Int

    public init(
        maxTokens: Int = 3000, maxTextBytes: Int = 512 << 10, maxWordBytes: Int = 40, maxHeaderFields: Int = 200
    ) {
        self.maxTokens = maxTokens
        self.maxTextBytes = maxTextBytes
        self.maxWordBytes = maxWordBytes
        self.maxHeaderFields = maxHeaderFields
    }

    public static let `default` = TokenizerLimits()
}
