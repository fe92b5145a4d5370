import Foundation

/// Robinson–Fisher chi-square combining, as bogofilter and SpamBayes do it.
///
/// Each token gets Robinson's probability f(w) = (s·x + n·p(w)) / (s + n), with p(w) the share of spam among the
/// token's appearances (each class's count divided by its number of messages, so an unbalanced training counts
/// fairly) and n its appearances: a token seen once stays near x. The tokens farthest from 0.5 vote; Fisher's
/// method turns their product into two chi-square tails, one for "spam-like" (S) and one for "ham-like" (H), and
/// the result is (1 + S − H) / 2: near 1 for spam, near 0 for ham, near 0.5 when the evidence is weak or torn.
/// Within `tornBandHalfWidth` of 0.5, where both tails saturate, Robinson's geometric mean orders the messages.
public struct BayesClassifier: Sendable {
    public let settings: LearnerSettings

    public init(settings: LearnerSettings = .default) {
        self.settings = settings
    }

    /// One token's probability of being spam, or nil when it is unknown.
    public func probability(of counts: TokenCounts, in table: TokenTable) -> Double {
        let spamShare = Double(counts.spam) / Double(max(table.spamMessages, 1))
        let hamShare = Double(counts.ham) / Double(max(table.hamMessages, 1))
        let share = spamShare + hamShare > 0 ? spamShare / (spamShare + hamShare) : settings.unknownTokenProbability
        let seen = Double(counts.spam) + Double(counts.ham)
        let strength = settings.unknownTokenStrength
        return (strength * settings.unknownTokenProbability + seen * share) / (strength + seen)
    }

    /// The message's spam probability, or an abstention while the store is too young.
    public func classify(_ tokens: MessageTokens, table: TokenTable, clues clueLimit: Int = 0) -> SpamVerdict {
        guard table.spamMessages >= settings.minimumTrainedPerClass,
            table.hamMessages >= settings.minimumTrainedPerClass
        else {
            return SpamVerdict(probability: nil, votingTokens: 0, clues: [])
        }
        var voters: [(deviation: Double, probability: Double, token: TokenHash)] = []
        voters.reserveCapacity(min(tokens.hashes.count, 512))
        // Every token's counts first, in lookups of their own: the table is larger than the caches, and lookups
        // that do not wait on each other's arithmetic overlap their cache misses (waiting on them was half of
        // `classify` in `perf annotate`).
        let known = table.counts(of: tokens.hashes)
        for (token, counts) in zip(tokens.hashes, known) {
            guard let counts else { continue }
            let probability = probability(of: counts, in: table)
            let deviation = abs(probability - 0.5)
            if deviation >= settings.minimumDeviation { voters.append((deviation, probability, token)) }
        }
        if voters.count > settings.maxVotingTokens {
            voters.sort { $0.deviation > $1.deviation || ($0.deviation == $1.deviation && $0.token < $1.token) }
            voters.removeLast(voters.count - settings.maxVotingTokens)
        }
        guard !voters.isEmpty else {
            return SpamVerdict(probability: 0.5, votingTokens: 0, clues: [])
        }
        var sumLogHam = 0.0
        var sumLogSpam = 0.0
        for voter in voters {
            // Bounded away from 0 and 1 so a logarithm is always finite.
            let probability = min(max(voter.probability, 1e-12), 1 - 1e-12)
            sumLogHam += log(probability)
            sumLogSpam += log(1 - probability)
        }
        let freedom = 2 * voters.count
        let spamLike = 1 - ChiSquare.upperTail(-2 * sumLogSpam, degreesOfFreedom: freedom)
        let hamLike = 1 - ChiSquare.upperTail(-2 * sumLogHam, degreesOfFreedom: freedom)
        var combined = (1 + spamLike - hamLike) / 2
        let torn = min(max(settings.tornBandHalfWidth, 0), 0.5)  // so the result stays a probability
        if abs(combined - 0.5) < torn {
            // Both tails saturate on a message with strong tokens both ways, and chi-square then says 0.5 whatever
            // the balance. Robinson's geometric-mean combining (his first method) does not saturate: inside the
            // torn band it says which way the message leans, without leaving the band.
            let count = Double(voters.count)
            let spamMean = 1 - exp(sumLogSpam / count)
            let hamMean = 1 - exp(sumLogHam / count)
            let lean = spamMean + hamMean > 0 ? (spamMean - hamMean) / (spamMean + hamMean) : 0
            combined = 0.5 + torn * min(max(lean, -1), 1)
        }
        var clues: [SpamVerdict.Clue] = []
        if clueLimit > 0 {
            let strongest = voters.sorted { $0.deviation > $1.deviation }.prefix(clueLimit)
            clues = strongest.map { voter in
                SpamVerdict.Clue(
                    token: voter.token, name: tokens.names?[voter.token], probability: voter.probability,
                    counts: table[voter.token] ?? TokenCounts())
            }
        }
        return SpamVerdict(probability: combined, votingTokens: voters.count, clues: clues)
    }
}

/// What the learner says of one message.
public struct SpamVerdict: Sendable {
    /// The spam probability, 0…1; nil when the learner abstains (too few messages trained).
    public let probability: Double?
    /// How many tokens voted.
    public let votingTokens: Int
    /// The strongest tokens, when asked for, to explain the verdict.
    public let clues: [Clue]

    public struct Clue: Sendable {
        public let token: TokenHash
        /// The token's text, when the tokenizer kept names.
        public let name: String?
        public let probability: Double
        public let counts: TokenCounts
    }
}
