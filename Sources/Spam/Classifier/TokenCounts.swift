/// How many trained spam and ham messages held a token.
public struct TokenCounts: Sendable, Hashable {
    public var spam: UInt32
    public var ham: UInt32

    public init(spam: UInt32 = 0, ham: UInt32 = 0) {
        self.spam = spam
        self.ham = ham
    }
}

/// The learner's knowledge in memory: every token's counts and how many messages of each class were trained.
/// Scoring reads only this (a dictionary lookup per token), so it never waits on the database.
public struct TokenTable: Sendable {
    private var counts: TokenCountMap
    public private(set) var spamMessages: Int
    public private(set) var hamMessages: Int

    public init(spamMessages: Int = 0, hamMessages: Int = 0, capacity: Int = 0) {
        counts = TokenCountMap(capacity: capacity)
        self.spamMessages = spamMessages
        self.hamMessages = hamMessages
    }

    public subscript(token: TokenHash) -> TokenCounts? { counts[token.value] }

    /// `self[token]` of each token, in order, with the lookups' cache misses overlapped (see
    /// `TokenCountMap.counts(of:)`).
    public func counts(of tokens: [TokenHash]) -> [TokenCounts?] { counts.counts(of: tokens) }

    /// How many tokens it knows.
    public var tokenCount: Int { counts.count }

    /// Sets one token's counts as the store has them (loading).
    mutating func set(_ token: UInt64, _ entry: TokenCounts) { counts[token] = entry }

    /// Counts one more message of `spamClass` holding `tokens` (or one fewer, to unlearn it).
    public mutating func add(_ tokens: [TokenHash], as spamClass: SpamClass, removing: Bool = false) {
        for token in tokens {
            var entry = counts[token.value] ?? TokenCounts()
            switch (spamClass, removing) {
            case (.spam, false): entry.spam &+= 1
            case (.ham, false): entry.ham &+= 1
            case (.spam, true): entry.spam = entry.spam > 0 ? entry.spam - 1 : 0
            case (.ham, true): entry.ham = entry.ham > 0 ? entry.ham - 1 : 0
            }
            if entry.spam == 0, entry.ham == 0 {
                counts[token.value] = nil
            } else {
                counts[token.value] = entry
            }
        }
        let step = removing ? -1 : 1
        switch spamClass {
        case .spam: spamMessages = max(0, spamMessages + step)
        case .ham: hamMessages = max(0, hamMessages + step)
        }
    }
}

/// What a message is, for the learner.
public enum SpamClass: String, Sendable, Hashable, CaseIterable {
    case spam
    case ham

    public var other: SpamClass { self == .spam ? .ham : .spam }
}
