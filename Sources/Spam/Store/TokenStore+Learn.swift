import Foundation
import GRDB

extension TokenStore {
    /// One message to learn.
    public struct Lesson: Sendable {
        public let tokens: [TokenHash]
        public let fingerprint: MessageFingerprint
        public let spamClass: SpamClass

        public init(tokens: [TokenHash], fingerprint: MessageFingerprint, spamClass: SpamClass) {
            self.tokens = tokens
            self.fingerprint = fingerprint
            self.spamClass = spamClass
        }
    }

    /// What learning did with one message.
    public enum LearnOutcome: Sendable, Hashable {
        /// Counted as its class.
        case learned
        /// Already learned as this class: nothing changed (a message is never counted twice).
        case alreadyLearned
        /// Learned before as the other class: that was taken back first, then it was counted as this one.
        case relearned
    }

    /// Learns `lessons` in one transaction (all or none), then keeps the store within its limits.
    @discardableResult
    public func learn(_ lessons: [Lesson], today: Int = TokenStore.today) throws(SpamError) -> [LearnOutcome] {
        let limits = self.limits
        return try write("learning") { db in
            var outcomes: [LearnOutcome] = []
            outcomes.reserveCapacity(lessons.count)
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO token (hash, spam, ham, seen_day) VALUES (?, ?, ?, ?)
                    ON CONFLICT (hash) DO UPDATE SET spam = spam + excluded.spam, ham = ham + excluded.ham,
                        seen_day = excluded.seen_day
                    """)
            var unlearned = false
            for lesson in lessons {
                let key = Data(lesson.fingerprint.bytes)
                let previous = try String.fetchOne(
                    db, sql: "SELECT class FROM learned WHERE fingerprint = ?", arguments: [key]
                )
                .flatMap(SpamClass.init(rawValue:))
                if previous == lesson.spamClass {
                    outcomes.append(.alreadyLearned)
                    continue
                }
                if let previous {
                    try Self.unlearn(lesson.tokens, as: previous, db)
                    unlearned = true
                }
                let (spam, ham) = lesson.spamClass == .spam ? (1, 0) : (0, 1)
                for token in lesson.tokens {
                    try upsert.execute(arguments: [token.storedValue, spam, ham, today])
                }
                try db.execute(
                    sql: "UPDATE corpus SET messages = messages + 1 WHERE class = ?",
                    arguments: [lesson.spamClass.rawValue])
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO learned (fingerprint, class, tokenizer, learned_at) VALUES (?, ?, ?, ?)",
                    arguments: [
                        key, lesson.spamClass.rawValue, TokenStore.tokenizerVersion,
                        Int64(Date().timeIntervalSince1970),
                    ])
                outcomes.append(previous == nil ? .learned : .relearned)
            }
            if unlearned { try db.execute(sql: "DELETE FROM token WHERE spam = 0 AND ham = 0") }
            try Self.keepWithinLimits(limits, today: today, db)
            return outcomes
        }
    }

    /// Takes back one message of class `spamClass` that held `tokens` (counts never go below zero: a token the
    /// store forgot, or one a newer tokenizer makes, is simply not there to take back).
    static func unlearn(_ tokens: [TokenHash], as spamClass: SpamClass, _ db: Database) throws {
        let column = spamClass == .spam ? "spam" : "ham"
        let statement = try db.cachedStatement(
            sql: "UPDATE token SET \(column) = max(\(column) - 1, 0) WHERE hash = ?")
        for token in tokens { try statement.execute(arguments: [token.storedValue]) }
        try db.execute(
            sql: "UPDATE corpus SET messages = max(messages - 1, 0) WHERE class = ?", arguments: [spamClass.rawValue])
    }

    /// Forgets rare tokens not seen for `rareTokenDays`, then, while the store holds more than `maxTokens`, the
    /// rarest and longest unseen; and the oldest learned-message fingerprints past `maxLearnedMessages`.
    static func keepWithinLimits(_ limits: TokenStoreLimits, today: Int, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM token WHERE spam + ham <= 1 AND seen_day < ?", arguments: [today - limits.rareTokenDays])
        let tokens = try Int.fetchOne(db, sql: "SELECT count(*) FROM token") ?? 0
        if tokens > limits.maxTokens {
            // Down to 90 % so that the next lessons do not each pay for a cleanup.
            let excess = tokens - limits.maxTokens * 9 / 10
            try db.execute(
                sql: """
                    DELETE FROM token WHERE hash IN
                        (SELECT hash FROM token ORDER BY spam + ham, seen_day LIMIT ?)
                    """, arguments: [excess])
        }
        let learned = try Int.fetchOne(db, sql: "SELECT count(*) FROM learned") ?? 0
        if learned > limits.maxLearnedMessages {
            try db.execute(
                sql: """
                    DELETE FROM learned WHERE fingerprint IN
                        (SELECT fingerprint FROM learned ORDER BY learned_at LIMIT ?)
                    """, arguments: [learned - limits.maxLearnedMessages])
        }
    }
}
