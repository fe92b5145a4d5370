/// A small deterministic generator (xorshift64) for tests that compare two code paths on generated inputs: the
/// same seed gives the same inputs on every machine, so a failure can be replayed.
public struct XorShiftGenerator {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    /// A number in 0..<bound.
    public mutating func below(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }

    /// `length` pieces drawn from `alphabet`, joined.
    public mutating func text(_ length: Int, from alphabet: [String]) -> String {
        (0..<length).map { _ in alphabet[below(alphabet.count)] }.joined()
    }
}
