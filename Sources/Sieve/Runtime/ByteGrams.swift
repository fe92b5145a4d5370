/// Which pairs and triples of adjacent bytes occur in a value whose ASCII letters are folded: a `:contains` key
/// with a pair or a triple that does not occur there cannot occur either, and is answered without searching.
/// The rule packs search a message's text for dozens of keys (`body :text :contains [...]`), most of which are
/// not in it; each search went over the whole text, where the pairs and triples are gathered in one pass, once
/// per message. Only the search is skipped: the steps charged to the budget are the same.
///
/// Pairs alone let many keys through on English prose, where nearly every pair of letters occurs ("silie":
/// "si", "il", "li", "ie"). For the rule packs' keys on the corpus's messages (a model of the filter in
/// Python), pairs left a third of the searches to do, and triples ruled out nine in ten of those.
struct ByteGrams {
    /// Values shorter than this are searched without a filter: they are quick to search, and the 16 KB of
    /// bits stay at most 16 times the text they describe.
    static let minimumBytes = 1024

    /// Words 0..<1024: one bit per pair (first byte × 256 + second byte). Words 1024..<2048: one bit per hash
    /// of a triple, so a triple may find the bit of another set (a key let through wrongly, never ruled out
    /// wrongly).
    private var bits: [UInt64]

    /// The filter of a folded value, nil when it is shorter than `minimumBytes`.
    static func of(_ folded: [UInt8]) -> ByteGrams? {
        folded.count >= minimumBytes ? ByteGrams(folded) : nil
    }

    init(_ folded: [UInt8]) {
        var bits = [UInt64](repeating: 0, count: 2048)
        bits.withUnsafeMutableBufferPointer { bits in
            folded.withUnsafeBufferPointer { bytes in
                guard bytes.count >= 2 else { return }
                var window = UInt32(bytes[0])
                for index in 1..<bytes.count {
                    window = (window << 8 | UInt32(bytes[index])) & 0xFF_FFFF
                    Self.set(&bits, Int(window & 0xFFFF))
                    if index >= 2 { Self.set(&bits, 1 << 16 | Self.tripleSlot(window)) }
                }
            }
        }
        self.bits = bits
    }

    /// Whether every pair and triple of `key` (its ASCII letters folded) occurs: false means the key does not.
    func mayContain(_ key: [UInt8]) -> Bool {
        guard key.count >= 2 else { return true }
        return bits.withUnsafeBufferPointer { bits in
            var window = UInt32(key[0])
            for index in 1..<key.count {
                window = (window << 8 | UInt32(key[index])) & 0xFF_FFFF
                if !Self.isSet(bits, Int(window & 0xFFFF)) { return false }
                if index >= 2, !Self.isSet(bits, 1 << 16 | Self.tripleSlot(window)) { return false }
            }
            return true
        }
    }

    /// A triple's bit among 65,536: Fibonacci hashing of its 24 bits, the top 16 of the product.
    @inline(__always) private static func tripleSlot(_ triple: UInt32) -> Int {
        Int((triple &* 0x9E37_79B1) >> 16)
    }

    @inline(__always) private static func set(_ bits: inout UnsafeMutableBufferPointer<UInt64>, _ slot: Int) {
        bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    @inline(__always) private static func isSet(_ bits: UnsafeBufferPointer<UInt64>, _ slot: Int) -> Bool {
        bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }
}
