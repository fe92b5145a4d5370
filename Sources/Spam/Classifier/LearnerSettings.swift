/// How the learner weighs evidence. The defaults are bogofilter's (Robinson's s = 0.0178, x = 0.52, tokens
/// within 0.375 of 0.5 do not vote, every other token votes), chosen by 5-fold cross-validation on the training
/// split against SpamBayes' (s = 0.45, x = 0.5, 0.1, the 150 strongest): at one ham called spam in 2,904 they
/// caught 90 % of spam where SpamBayes' caught 87 % (docs/spam.md).
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

    public init(
        unknownTokenStrength: Double = 0.0178, unknownTokenProbability: Double = 0.52, minimumDeviation: Double = 0.375,
        maxVotingTokens: Int = .max, minimumTrainedPerClass: Int = 50
    ) {
        self.unknownTokenStrength = unknownTokenStrength
        self.unknownTokenProbability = unknownTokenProbability
        self.minimumDeviation = minimumDeviation
        self.maxVotingTokens = maxVotingTokens
        self.minimumTrainedPerClass = minimumTrainedPerClass
    }

    public static let `default` = LearnerSettings()
}
