import Glibc

/// A `:contains` key prepared for searching many values: folded once (under `i;ascii-casemap`), with the byte
/// of it least likely to occur in mail text picked out, so a search jumps from one occurrence of that byte
/// to the next with `memchr` (vectorized in glibc) instead of folding and comparing every position of the
/// value. A body is searched for dozens of keys by the rule packs: a byte-by-byte scan per key was a fifth
/// of their time.
struct SubstringSearch {
    /// The key's bytes, ASCII letters in lower case when `fold`.
    let needle: [UInt8]
    let fold: Bool
    /// The key's bytes with ASCII letters in lower case whatever `fold` is, for `ByteGrams.mayContain`.
    let foldedNeedle: [UInt8]
    /// The offset in `needle` of its rarest byte (by `rank`), and that byte.
    let rareOffset: Int
    let rareByte: UInt8

    init(_ key: String, fold: Bool) {
        let bytes = Array(key.utf8)
        foldedNeedle = bytes.map(ASCIIFold.lower)
        needle = fold ? foldedNeedle : bytes
        self.fold = fold
        var best = 0
        for index in needle.indices where Self.rank(needle[index]) < Self.rank(needle[best]) { best = index }
        rareOffset = best
        rareByte = needle.isEmpty ? 0 : needle[best]
    }

    /// Whether a search under `fold` is faster on a value whose letters were folded beforehand: when the rare
    /// byte is a letter, an unfolded value could hold it in either case, which memchr cannot look for.
    var wantsFoldedValue: Bool { fold && Self.isLetter(rareByte) }

    /// Whether the key occurs in `haystack`. `folded` says the haystack's ASCII letters are already in lower
    /// case (a body folded once for all its keys); otherwise, under `fold`, each candidate is folded as it is
    /// compared.
    func occurs(in haystack: UnsafeBufferPointer<UInt8>, folded: Bool) -> Bool {
        let length = needle.count
        guard length > 0 else { return true }
        guard haystack.count >= length, let base = haystack.baseAddress else { return false }
        return needle.withUnsafeBufferPointer { key in
            if fold && !folded && Self.isLetter(rareByte) {
                return Self.foldingScan(base, haystack.count, key, rareOffset, rareByte)
            }
            return Self.memchrSearch(base, haystack.count, key, rareOffset, rareByte, foldValue: fold && !folded)
        }
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x7A
    }

    /// memchr to each occurrence of the rare byte (one that folding leaves alone, or in a value already
    /// folded), then the whole key compared there.
    private static func memchrSearch(
        _ base: UnsafePointer<UInt8>, _ count: Int, _ key: UnsafeBufferPointer<UInt8>, _ rareOffset: Int,
        _ rareByte: UInt8, foldValue: Bool
    ) -> Bool {
        let length = key.count
        // Candidates start at 0…count-length, so the rare byte lies at rareOffset…count-length+rareOffset.
        var position = rareOffset
        let last = count - length + rareOffset
        let (first, final) = (key[0], key[length - 1])
        while position <= last {
            guard let found = memchr(base + position, Int32(rareByte), last - position + 1) else { return false }
            let at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            let start = base + (at - rareOffset)
            if foldValue {
                var offset = 0
                while offset < length, ASCIIFold.lower(start[offset]) == key[offset] { offset += 1 }
                if offset == length { return true }
            } else if start[0] == first, start[length - 1] == final, memcmp(start, key.baseAddress!, length) == 0 {
                // The key's two ends checked first: most candidates fail there, without a call to memcmp.
                return true
            }
            position = at + 1
        }
        return false
    }

    /// ASCII letters of the value folded as they are read; the rare byte found in either case.
    private static func foldingScan(
        _ base: UnsafePointer<UInt8>, _ count: Int, _ key: UnsafeBufferPointer<UInt8>, _ rareOffset: Int,
        _ rareByte: UInt8
    ) -> Bool {
        let length = key.count
        let last = count - length + rareOffset
        var position = rareOffset
        while position <= last {
            if ASCIIFold.lower(base[position]) == rareByte {
                let start = position - rareOffset
                var offset = 0
                while offset < length, ASCIIFold.lower(base[start + offset]) == key[offset] { offset += 1 }
                if offset == length { return true }
            }
            position += 1
        }
        return false
    }

    /// How common a byte is in mail text, lower is rarer: letters by their frequency in English and French
    /// prose, then spaces and vowels most common. Only the choice of byte depends on it, never the answer.
    static func rank(_ byte: UInt8) -> Int {
        rankTable[Int(byte)]
    }

    private static let rankTable: [Int] = {
        // Unlisted bytes (control bytes, most punctuation, bytes ≥ 0x80 other than UTF-8 lead bytes) rank 10.
        var table = [Int](repeating: 10, count: 256)
        let ordered = Array("etaoinsrhldcumfpgwybvkxjqz".utf8)  // most common first
        for (index, letter) in ordered.enumerated() {
            let value = 200 - index * 7
            table[Int(letter)] = value
            table[Int(letter) - 0x20] = value / 2  // capitals: rarer than their small letter, folded or not
        }
        for byte in Array(" \r\n\t".utf8) { table[Int(byte)] = 255 }
        for byte in Array(".,-'\"/:;=<>".utf8) { table[Int(byte)] = 60 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = 50 }
        table[0xC3] = 80  // the lead byte of é, è, à… in French text
        return table
    }()
}
