/// A non-ASCII letter as the tokenizer keeps it: a Latin letter with an accent as its ASCII base letter in the
/// same case ("É" → "E", "é" → "e"), other letters as written, anything that is not a letter (punctuation such
/// as « » ’, symbols, spaces) nil, so it ends the word.
enum LetterFolding {
    /// The folded letter as up to four bytes in a value: an array per letter was an allocation (and a generic
    /// metadata lookup) for every accented or non-Latin letter read.
    static func fold(_ scalar: UInt32) -> FoldedLetter? {
        if scalar >= 0xC0, scalar < 0x180 {
            let packed = latin[Int(scalar - 0xC0)]
            return packed == 0 ? nil : FoldedLetter(packed: packed)
        }
        if scalar < 0x180 { return nil }  // U+0080…U+00BF: signs and no-break space.
        guard let unicode = Unicode.Scalar(scalar), unicode.properties.isAlphabetic else { return nil }
        return FoldedLetter(packing: UTF8.encode(unicode)!)
    }

    /// `foldedAsBytes` of U+00C0…U+017F, packed (0 for the two signs): made once, so reading one costs neither
    /// an array nor a Unicode property lookup for its case.
    private static let latin: [UInt32] = (0xC0..<0x180).map { scalar in
        foldedAsBytes(UInt32(scalar)).map { FoldedLetter(packing: $0).packed } ?? 0
    }

    /// The folding as bytes: the definition `fold` follows (and its tests compare with).
    static func foldedAsBytes(_ scalar: UInt32) -> [UInt8]? {
        if let folded = AccentFolding.fold(scalar) {
            return isUppercase(scalar) ? folded.map { $0 & ~0x20 } : folded
        }
        if scalar < 0x180 { return nil }
        guard let unicode = Unicode.Scalar(scalar), unicode.properties.isAlphabetic else { return nil }
        return Array(String(unicode).utf8)
    }

    /// Upper case in U+00C0…U+017F: U+00C0…U+00DE but ×, and in Latin Extended-A, where letters come in pairs,
    /// the one Unicode says is upper case.
    private static func isUppercase(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar)?.properties.isUppercase ?? false
    }
}

/// One to four bytes of a folded letter, first byte lowest, none of them 0 (ASCII letters, or the UTF-8 of a
/// scalar of U+0180 or above); read them with `for byte in folded`.
struct FoldedLetter: Sequence, IteratorProtocol {
    private(set) var packed: UInt32

    init(packed: UInt32) { self.packed = packed }

    init(packing bytes: some Sequence<UInt8>) {
        packed = 0
        var shift: UInt32 = 0
        for byte in bytes.prefix(4) {
            packed |= UInt32(byte) << shift
            shift += 8
        }
    }

    mutating func next() -> UInt8? {
        guard packed != 0 else { return nil }
        defer { packed >>= 8 }
        return UInt8(truncatingIfNeeded: packed)
    }
}

/// UTF-8 decoding of one scalar, refusing what is not well formed (so a stray Latin-1 byte ends a word).
enum UTF8Scalar {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        return (value, length)
    }
}
