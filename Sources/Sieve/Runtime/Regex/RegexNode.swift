/// A parsed POSIX extended regular expression (the syntax tree `RegexParser` builds and `RegexCompiler`
/// turns into a program).
indirect enum RegexNode: Sendable {
    /// One byte, compared exactly.
    case byte(UInt8)
    /// One byte out of a set: `.`, a bracket expression, `\w`, or a letter under REG_ICASE.
    case set(ByteSet)
    /// A zero-width test of the position.
    case assertion(RegexAssertion)
    /// `( … )`: group `number` counts from 1 in the order of the opening parentheses.
    case group(RegexNode, number: Int)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `*`, `+`, `?`, `{m}`, `{m,}`, `{m,n}`: `maximum` nil means no upper bound.
    case repetition(RegexNode, minimum: Int, maximum: Int?)

    static let empty = RegexNode.concatenation([])
}

/// The anchors of glibc's POSIX syntax (without REG_NEWLINE, `^` and `$` are the ends of the value).
enum RegexAssertion: Int32, Sendable {
    /// `^` and `` \` ``
    case start
    /// `$` and `\'`
    case end
    /// `\b`
    case wordBoundary
    /// `\B`
    case notWordBoundary
    /// `\<`
    case wordStart
    /// `\>`
    case wordEnd

    /// Whether the assertion holds between `previous` and `next` (nil at either end of the value).
    @inline(__always) func holds(previous: UInt8?, next: UInt8?) -> Bool {
        let before = previous.map { ByteSet.word.contains($0) } ?? false
        let after = next.map { ByteSet.word.contains($0) } ?? false
        switch self {
        case .start: return previous == nil
        case .end: return next == nil
        case .wordBoundary: return before != after
        case .notWordBoundary: return before == after
        case .wordStart: return !before && after
        case .wordEnd: return before && !after
        }
    }
}

/// Why a pattern is refused, in words for the user.
struct RegexProblem: Error, Sendable, Hashable {
    var message: String
}
