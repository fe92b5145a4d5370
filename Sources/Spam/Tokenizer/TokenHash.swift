/// A token as the learner keeps it: 64 bits of FNV-1a over its prefix and its text.
///
/// Storing the hash instead of the word keeps the store small and lookups cheap, and it means the store holds no
/// words of anybody's mail. With 64 bits, two tokens of a million-token store collide with a probability of about
/// 3 × 10⁻⁸: a collision merges two words' counts, which a statistical filter shrugs off.
public struct TokenHash: Hashable, Sendable, Comparable {
    public let value: UInt64

    public init(value: UInt64) { self.value = value }

    /// The hash of `prefix` followed by `text`, as the tokenizer forms it.
    public init(prefix: String, text: String) {
        var state = FNV1a()
        state.add(prefix)
        state.add(text)
        value = state.value
    }

    public static func < (lhs: TokenHash, rhs: TokenHash) -> Bool { lhs.value < rhs.value }

    /// The store keeps it as SQLite's signed 64-bit integer.
    var storedValue: Int64 { Int64(bitPattern: value) }
}

/// FNV-1a, 64 bits: one multiply per byte, stable across processes and machines (Swift's `Hasher` is seeded
/// per process, so it cannot name a token in a file).
struct FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    var value = FNV1a.offsetBasis

    @inline(__always) mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* FNV1a.prime
    }

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// `add(text.utf8)`, read from the String's own storage: iterating `String.UTF8View` byte by byte (header
    /// names, part types, prefixes) was 3 % of the tokenizer.
    mutating func add(_ text: String) {
        var state = self
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { state.add($0) }
        guard done != nil else { return add(text.utf8) }
        self = state
    }
}
