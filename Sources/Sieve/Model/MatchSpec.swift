/// How a test compares values with keys: the comparator (RFC 4790) and the match type (RFC 5228 2.7.1,
/// RFC 5231 relational).
public struct MatchSpec: Sendable, Hashable {
    public enum MatchType: Sendable, Hashable {
        case `is`, contains, matches
        case regex
        /// `:value "gt"` and friends: compare each value with each key.
        case value(RelationalOperator)
        /// `:count "ge"`: compare the number of values with each key.
        case count(RelationalOperator)
    }

    public var comparator: Comparator
    public var matchType: MatchType

    public static let `default` = MatchSpec(comparator: .asciiCasemap, matchType: .is)
}

/// The comparators of RFC 4790 and RFC 5051 that Sieve scripts name.
public enum Comparator: String, Sendable, Hashable, CaseIterable {
    case octet = "i;octet"
    case asciiCasemap = "i;ascii-casemap"
    case asciiNumeric = "i;ascii-numeric"
    /// RFC 5051: Unicode case folding, so `gagné` matches `GAGNÉ` (French mail needs it; Pigeonhole 0.5 lacks it).
    case unicodeCasemap = "i;unicode-casemap"

    /// The capability a script must `require` to use it; the two RFC 5228 defaults need none.
    public var capability: String? {
        switch self {
        case .octet, .asciiCasemap: nil
        case .asciiNumeric: "comparator-i;ascii-numeric"
        case .unicodeCasemap: "comparator-i;unicode-casemap"
        }
    }

    /// Whether substring and wildcard matching make sense (RFC 4790 4.2: ascii-numeric has equality and order only).
    public var supportsSubstring: Bool { self != .asciiNumeric }
}

/// RFC 5231 relational operators.
public enum RelationalOperator: String, Sendable, Hashable, CaseIterable {
    case gt, ge, lt, le, eq, ne
}
