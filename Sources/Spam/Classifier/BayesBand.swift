/// The learner's contribution to a message's score, like a rule's: the probability falls into one named band
/// and the band's score is added (SpamAssassin's BAYES_00 … BAYES_99 naming, so administrators recognise it).
public struct BayesBand: Sendable, Hashable {
    public let name: String
    /// The band holds probabilities from `lowerBound` (included) to the next band's.
    public let lowerBound: Double
    public let score: Double

    public init(name: String, lowerBound: Double, score: Double) {
        self.name = name
        self.lowerBound = lowerBound
        self.score = score
    }

    /// The default bands, lowest first, drawn from where the learner's probabilities fall in 5-fold
    /// cross-validation on the training split, and their scores chosen there with the rule packs in the same
    /// runs (docs/spam.md): below 0.01 almost only ham, so a pull down that keeps one over-eager rule from making
    /// it spam; from 0.5 on — the spam side of the "torn" band included, where the geometric mean leans spam —
    /// the learner alone reaches the default required score: in that cross-validation no split of the torn band
    /// that left the rules to decide it did better (the rules rarely fire on that corpus's spam).
    public static let defaults: [BayesBand] = [
        BayesBand(name: "BAYES_00", lowerBound: 0, score: -2),
        BayesBand(name: "BAYES_05", lowerBound: 0.01, score: -1),
        BayesBand(name: "BAYES_40", lowerBound: 0.2, score: 0),
        BayesBand(name: "BAYES_50", lowerBound: 0.5, score: 5),
        BayesBand(name: "BAYES_60", lowerBound: 0.52, score: 5),
        BayesBand(name: "BAYES_90", lowerBound: 0.9, score: 5),
    ]

    /// The band of `probability` among `bands` (sorted by `lowerBound`).
    public static func band(for probability: Double, in bands: [BayesBand] = defaults) -> BayesBand? {
        bands.last { probability >= $0.lowerBound }
    }
}
