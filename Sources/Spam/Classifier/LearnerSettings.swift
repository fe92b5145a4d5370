/// How the learner weighs evidence. The defaults are bogofilter's (Robinson's s = 0.0178, x = 0.52, every token
/// that is not near 0.5 votes), chosen by 5-fold cross-validation on the training split against SpamBayes'
/// (s = 0.45, x = 0.5, 0.1, the 150 strongest): at one ham called spam in 2,904 they caught 90 % of spam where
/// SpamBayes' caught 87 % (docs/spam.md). The same cross-validation moved the minimum deviation from
/// bogofilter's 0.375 to 0.4 (tried 0.3–0.49): with the torn band resolved, ham called spam at 0.5 went from 14
/// to 12 and spam missed from 29 to 24.
public struct LearnerSettings: Sendable, Hashable {
    /// Robinson's s: how much the prior `unknownTokenProbability` weighs against a token's own counts.
    public var unknownTokenStrength: Double
    /// Robinson's x: the probability given to a token seen in no trained message.
    public var unknownTokenProbability: Double
    /// Tokens whose probability is closer than this to 0.5 do not vote.
    public var minimumDeviation: Double
    /// At most this many tokens vote, the farthest from 0.5 first.
    public var maxVotingTokens: Int
    /// Below this many trained messages of either class the learner abstains: a store trained on ten messages
    /// would call half the mailbox spam.
    public var minimumTrainedPerClass: Int
    /// Half the width of the "torn" band around 0.5, where chi-square's two tails both saturate and the
    /// geometric mean of the tokens' probabilities places the message instead (0: chi-square alone).
    public var tornBandHalfWidth: Double

    public init(
        unknownTokenStrength: Double = 0.0178, unknownTokenProbability: Double = 0.52, minimumDeviation: Double = 0.4,
        maxVotingTokens: Int = .max, minimumTrainedPerClass: Int = 50, tornBandHalfWidth: Double = 0.02
    ) {
        self.unknownTokenStrength = unknownTokenStrength
        self.unknownTokenProbability = unknownTokenProbability
        self.minimumDeviation = minimumDeviation
        self.maxVotingTokens = maxVotingTokens
        self.minimumTrainedPerClass = minimumTrainedPerClass
        self.tornBandHalfWidth = tornBandHalfWidth
    }

    public static let `default` = LearnerSettings()
}
