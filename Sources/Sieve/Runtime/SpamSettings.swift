/// Where `spamtest` and `virustest` read their status (RFC 5235), set by the administrator.
///
/// The spam status comes from the score the administrator's scripts add with `addscore` when they added any,
/// else from a header written by an upstream scanner. Both map onto RFC 5235's 1–10 scale the way Pigeonhole
/// maps a header score: `floor(ratio × 9 + 1.001)`, ratio = score / maximum clamped to 0…1; `:percent` is
/// `floor(ratio × 100 + 0.001)`. For added scores the maximum is twice `requiredScore`, so a message at the
/// required score has status 5 (and 50 %): `spamtest :value "ge" :comparator "i;ascii-numeric" "5"` reads
/// "at least the required score".
public struct SpamSettings: Sendable, Hashable {
    /// The header an upstream scanner writes its score in (first occurrence, whole value a decimal).
    public var scoreHeader: String? = "X-Spam-Score"
    /// The header score that means "certainly spam".
    public var scoreHeaderMaximum: Double = 10
    /// The added score from which a message counts as spam.
    public var requiredScore: Double = 5
    /// The header an upstream virus scanner writes, with the text that follows `prefix` up to `suffix` naming
    /// the result (Pigeonhole's `X-Virus-Scan: Found to be (.+)\.`).
    public var virusHeader: String? = "X-Virus-Scan"
    public var virusPrefix = "Found to be "
    public var virusSuffix = "."
    /// Scanner words and their RFC 5235 virustest status (1 clean … 5 infected).
    public var virusStatuses: [String: Int] = ["clean": 1, "infected": 5]

    public init() {}

    public static let `default` = SpamSettings()

    /// RFC 5235 status text for a score, "0" when there is none.
    static func status(score: Double?, maximum: Double, percent: Bool) -> String {
        guard let score, maximum > 0 else { return "0" }
        // Single-precision arithmetic, as Pigeonhole computes it, so the boundaries agree.
        let ratio = min(max(Float(score) / Float(maximum), 0), 1)
        return percent ? String(Int((ratio * 100 + 0.001).rounded(.down))) : String(Int((ratio * 9 + 1.001).rounded(.down)))
    }
}
