/// The bounds of a token store on disk.
public struct TokenStoreLimits: Sendable, Hashable {
    /// Tokens kept; past it the rarest, longest unseen go first. A million tokens take about 40 MB on disk and
    /// 30 MB in memory, and a mailbox's worth of training stays far below.
    public var maxTokens: Int
    /// A token seen in one trained message only and not seen again for this many days is forgotten: most are
    /// one-off words (names, dates, identifiers) that never vote again.
    public var rareTokenDays: Int
    /// Fingerprints of learned messages kept (to never learn one twice); the oldest go first past it.
    public var maxLearnedMessages: Int

    public init(maxTokens: Int = 1_000_000, rareTokenDays: Int = 120, maxLearnedMessages: Int = 1_000_000) {
        self.maxTokens = maxTokens
        self.rareTokenDays = rareTokenDays
        self.maxLearnedMessages = maxLearnedMessages
    }

    public static let `default` = TokenStoreLimits()
}
