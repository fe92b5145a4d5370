/// The comparisons behind `SiteSettings.isLookalike`, bounded: names are at most 253 bytes and the edit
/// distance is computed in a band of width `2 × allowed + 1`, so one comparison costs a few hundred steps.
enum DomainLookalike {
    /// Characters a reader takes for others, mapped to the one they pass for: digits for letters, Cyrillic
    /// and Greek letters that look Latin, and hyphens and dots, which a reader skips over.
    private static let confusables: [Character: String] = [
        "0": "o", "1": "l", "i": "l", "3": "e", "5": "s", "4": "a", "7": "t", "-": "", "_": "",
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "l", "ј": "j", "ԁ": "d",
        "ο": "o", "α": "a", "ν": "v", "τ": "t", "ı": "l", "ɩ": "l",
    ]

    /// `value` with look-alike characters folded; `rn` read as `m` and `vv` as `w`.
    static func folded(_ value: String) -> String {
        value.utf8.allSatisfy({ $0 < 0x80 }) ? foldedASCII(value) : foldedByCharacters(value)
    }

    /// `folded` character by character: for any value.
    static func foldedByCharacters(_ value: String) -> String {
        var text = ""
        for character in value.lowercased() { text += confusables[character] ?? String(character) }
        // Two passes of a small replacement, written out to keep this file free of Foundation.
        return replacing(replacing(text, "rn", "m"), "vv", "w")
    }

    /// `folded` for an ASCII value, byte by byte (each ASCII byte is one Character, CR LF aside, which
    /// folds to itself either way): the same result without a String per character.
    private static func foldedASCII(_ value: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0) {
            case UInt8(ascii: "0"): bytes.append(UInt8(ascii: "o"))
            case UInt8(ascii: "1"), UInt8(ascii: "i"): bytes.append(UInt8(ascii: "l"))
            case UInt8(ascii: "3"): bytes.append(UInt8(ascii: "e"))
            case UInt8(ascii: "5"): bytes.append(UInt8(ascii: "s"))
            case UInt8(ascii: "4"): bytes.append(UInt8(ascii: "a"))
            case UInt8(ascii: "7"): bytes.append(UInt8(ascii: "t"))
            case UInt8(ascii: "-"), UInt8(ascii: "_"): break
            case let folded: bytes.append(folded)
            }
        }
        // `rn` → `m`, then `vv` → `w`, each pass left to right without overlaps, as `replacing` does.
        for (first, second, replacement) in [
            (UInt8(ascii: "r"), UInt8(ascii: "n"), UInt8(ascii: "m")),
            (UInt8(ascii: "v"), UInt8(ascii: "v"), UInt8(ascii: "w")),
        ] {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == first, index + 1 < bytes.count, bytes[index + 1] == second {
                    out.append(replacement)
                    index += 2
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            bytes = out
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func replacing(_ text: String, _ pair: String, _ replacement: Character) -> String {
        guard text.contains(pair) else { return text }
        var out = ""
        var characters = Array(text)[...]
        let first = pair.first!
        let second = pair.last!
        while let character = characters.first {
            characters = characters.dropFirst()
            if character == first, characters.first == second {
                out.append(replacement)
                characters = characters.dropFirst()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// Whether `a` and `b` differ, by at most `allowed` insertions, deletions or substitutions.
    static func withinEdits(_ a: String, _ b: String, _ allowed: Int) -> Bool {
        guard a != b else { return false }
        let x = Array(a.utf8.prefix(253))
        let y = Array(b.utf8.prefix(253))
        guard abs(x.count - y.count) <= allowed else { return false }
        let big = allowed + 1
        // previous[j] for j in the band around i; distances above `allowed` are clamped to `big`.
        var previous = [Int](repeating: big, count: y.count + 1)
        for j in 0...min(y.count, allowed) { previous[j] = j }
        for i in 1...max(x.count, 1) where i <= x.count {
            var current = [Int](repeating: big, count: y.count + 1)
            if i <= allowed { current[0] = i }
            let low = max(1, i - allowed)
            let high = min(y.count, i + allowed)
            var best = current[0]
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                    let value = min(substitution, previous[j] + 1, current[j - 1] + 1, big)
                    current[j] = value
                    best = min(best, value)
                }
            }
            if best > allowed { return false }
            previous = current
        }
        return previous[y.count] <= allowed
    }
}
