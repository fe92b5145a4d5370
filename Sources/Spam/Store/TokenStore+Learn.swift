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

    /// Learns `lessons` in one transaction (all or none), then keeps the store within its limits. The token counts
    /// of the whole transaction are summed first and each token written once: a thousand messages share most of
    /// their words, and one write per distinct token instead of one per token of each message made training the
    /// corpus's 4,232 messages many times faster (docs/spam.md).
    @discardableResult
    public func learn(_ lessons: [Lesson], today: Int = TokenStore.today) throws(SpamError) -> [LearnOutcome] {
        let limits = self.limits
        return try write("learning") { db in
            var outcomes: [LearnOutcome] = []
            outcomes.reserveCapacity(lessons.count)
            var deltas: [Int64: (spam: Int, ham: Int)] = [:]
            var corpus: [SpamClass: Int] = [.spam: 0, .ham: 0]
            // What this transaction already decided, for a message named twice in it.
            var decided: [[UInt8]: SpamClass] = [:]
            var unlearned = false
            let now = Int64(Date().timeIntervalSince1970)
            for lesson in lessons {
                let key = Data(lesson.fingerprint.bytes)
                let previous =
                    try decided[lesson.fingerprint.bytes]
                    ?? String.fetchOne(db, sql: "SELECT class FROM learned WHERE fingerprint = ?", arguments: [key])
                    .flatMap(SpamClass.init(rawValue:))
                if previous == lesson.spamClass {
                    outcomes.append(.alreadyLearned)
                    continue
                }
                let step = (spam: lesson.spamClass == .spam ? 1 : -1, ham: lesson.spamClass == .ham ? 1 : -1)
                for token in lesson.tokens {
                    var delta = deltas[token.storedValue] ?? (0, 0)
                    // Learning adds one to its class; taking back the other class's lesson subtracts one there.
                    if step.spam > 0 || previous == .spam { delta.spam += step.spam }
                    if step.ham > 0 || previous == .ham { delta.ham += step.ham }
                    deltas[token.storedValue] = delta
                }
                if let previous {
                    corpus[previous, default: 0] -= 1
                    unlearned = true
                }
                corpus[lesson.spamClass, default: 0] += 1
                decided[lesson.fingerprint.bytes] = lesson.spamClass
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO learned (fingerprint, class, tokenizer, learned_at) VALUES (?, ?, ?, ?)",
                    arguments: [key, lesson.spamClass.rawValue, TokenStore.tokenizerVersion, now])
                outcomes.append(previous == nil ? .learned : .relearned)
            }
            // Counts never go below zero: a token the store forgot, or one a newer tokenizer makes, is simply not
            // there to take back.
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO token (hash, spam, ham, seen_day) VALUES (?1, max(?2, 0), max(?3, 0), ?4)
                    ON CONFLICT (hash) DO UPDATE SET spam = max(spam + ?2, 0), ham = max(ham + ?3, 0),
                        seen_day = CASE WHEN ?2 > 0 OR ?3 > 0 THEN ?4 ELSE seen_day END
                    """)
            for (hash, delta) in deltas where delta.spam != 0 || delta.ham != 0 {
                try upsert.execute(arguments: [hash, delta.spam, delta.ham, today])
            }
            for (spamClass, change) in corpus where change != 0 {
                try db.execute(
                    sql: "UPDATE corpus SET messages = max(messages + ?, 0) WHERE class = ?",
                    arguments: [change, spamClass.rawValue])
            }
            if unlearned { try db.execute(sql: "DELETE FROM token WHERE spam = 0 AND ham = 0") }
            try Self.keepWithinLimits(limits, today: today, db)
            return outcomes
        }
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
