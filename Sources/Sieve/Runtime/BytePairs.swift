/// Which pairs of adjacent bytes occur in a value whose ASCII letters are folded: a `:contains` key with a pair
/// that does not occur there cannot occur either, and is answered without searching. The rule packs search a
/// message's text for dozens of keys (`body :text :contains [...]`), most of which are not in it; each search
/// went over the whole text, where the pairs are gathered in one pass, once per message. Only the search is
/// skipped: the steps charged to the budget are the same.
struct BytePairs {
    /// Values shorter than this are searched without a filter: they are quick to search, and the 8 KB of
    /// bits stay at most 8 times the text they describe (a message of a thousand tiny parts does not get 8 MB).
    static let minimumBytes = 1024

    /// One bit per pair (first byte × 256 + second byte): 8 KB.
    private var bits: [UInt64]

    /// The filter of a folded value, nil when it is shorter than `minimumBytes`.
    static func of(_ folded: [UInt8]) -> BytePairs? {
        folded.count >= minimumBytes ? BytePairs(folded) : nil
    }

    init(_ folded: [UInt8]) {
        var bits = [UInt64](repeating: 0, count: 1024)
        bits.withUnsafeMutableBufferPointer { bits in
            folded.withUnsafeBufferPointer { bytes in
                guard bytes.count >= 2 else { return }
                var previous = Int(bytes[0])
                for index in 1..<bytes.count {
                    let byte = Int(bytes[index])
                    let pair = previous << 8 | byte
                    bits[pair >> 6] |= 1 << UInt64(pair & 63)
                    previous = byte
                }
            }
        }
        self.bits = bits
    }

    /// Whether every pair of `key` (its ASCII letters folded) occurs: false means the key does not occur.
    func mayContain(_ key: [UInt8]) -> Bool {
        guard key.count >= 2 else { return true }
        return bits.withUnsafeBufferPointer { bits in
            var previous = Int(key[0])
            for index in 1..<key.count {
                let byte = Int(key[index])
                let pair = previous << 8 | byte
                if bits[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { return false }
                previous = byte
            }
            return true
        }
    }
}
