/// A non-ASCII letter as the tokenizer keeps it: a Latin letter with an accent as its ASCII base letter in the
/// same case ("É" → "E", "é" → "e"), other letters as written, anything that is not a letter (punctuation such
/// as « » ’, symbols, spaces) nil, so it ends the word.
enum LetterFolding {
    static func fold(_ scalar: UInt32) -> [UInt8]? {
        if let folded = AccentFolding.fold(scalar) {
            return isUppercase(scalar) ? folded.map { $0 & ~0x20 } : folded
        }
        if scalar < 0x180 { return nil }  // U+0080…U+00BF: signs and no-break space.
        guard let unicode = Unicode.Scalar(scalar), unicode.properties.isAlphabetic else { return nil }
        return Array(String(unicode).utf8)
    }

    /// Upper case in U+00C0…U+017F: U+00C0…U+00DE but ×, and in Latin Extended-A, where letters come in pairs,
    /// the one Unicode says is upper case.
    private static func isUppercase(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar)?.properties.isUppercase ?? false
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
