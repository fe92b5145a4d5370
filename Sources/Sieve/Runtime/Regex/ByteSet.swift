/// A set of bytes (256 bits): what one step of a regular expression may consume. Classes are those of glibc
/// in the C locale, where Pigeonhole's and our old `regcomp` ran: ASCII only, one byte is one character.
struct ByteSet: Hashable, Sendable {
    var w0: UInt64 = 0
    var w1: UInt64 = 0
    var w2: UInt64 = 0
    var w3: UInt64 = 0

    init() {}

    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    static let all = ByteSet().inverted

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = w0
        case 1: word = w1
        case 2: word = w2
        default: word = w3
        }
        return (word >> UInt64(byte & 63)) & 1 != 0
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    mutating func insert(_ range: ClosedRange<UInt8>) {
        for byte in range { insert(byte) }
    }

    mutating func formUnion(_ other: ByteSet) {
        w0 |= other.w0
        w1 |= other.w1
        w2 |= other.w2
        w3 |= other.w3
    }

    var inverted: ByteSet {
        var set = ByteSet()
        set.w0 = ~w0
        set.w1 = ~w1
        set.w2 = ~w2
        set.w3 = ~w3
        return set
    }

    var isEmpty: Bool { w0 | w1 | w2 | w3 == 0 }

    /// The set with both cases of every ASCII letter in it (REG_ICASE in the C locale).
    var caseClosed: ByteSet {
        var set = self
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") where contains(byte) || contains(byte | 0x20) {
            set.insert(byte)
            set.insert(byte | 0x20)
        }
        return set
    }

    var words: [UInt64] { [w0, w1, w2, w3] }

    /// `[:name:]` as glibc defines it in the C locale; nil for an unknown name.
    static func named(_ name: String) -> ByteSet? {
        var set = ByteSet()
        switch name {
        case "alpha":
            set.insert(0x41...0x5A)
            set.insert(0x61...0x7A)
        case "upper": set.insert(0x41...0x5A)
        case "lower": set.insert(0x61...0x7A)
        case "digit": set.insert(0x30...0x39)
        case "alnum":
            set.insert(0x30...0x39)
            set.insert(0x41...0x5A)
            set.insert(0x61...0x7A)
        case "xdigit":
            set.insert(0x30...0x39)
            set.insert(0x41...0x46)
            set.insert(0x61...0x66)
        case "space":
            set.insert(0x09...0x0D)
            set.insert(0x20)
        case "blank":
            set.insert(0x09)
            set.insert(0x20)
        case "punct":
            set.insert(0x21...0x2F)
            set.insert(0x3A...0x40)
            set.insert(0x5B...0x60)
            set.insert(0x7B...0x7E)
        case "print": set.insert(0x20...0x7E)
        case "graph": set.insert(0x21...0x7E)
        case "cntrl":
            set.insert(0x00...0x1F)
            set.insert(0x7F)
        default: return nil
        }
        return set
    }

    /// `\w`: letters, digits and `_` (glibc's word characters in the C locale).
    static let word: ByteSet = {
        var set = ByteSet.named("alnum")!
        set.insert(UInt8(ascii: "_"))
        return set
    }()
}
