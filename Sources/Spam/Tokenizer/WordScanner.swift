/// Words and links out of decoded text, in one pass over its UTF-8 bytes.
///
/// A word is a run of letters and digits, with `.`, `-` and `_` kept between two of them ("e-mail",
/// "ac-lyon.fr", "v1.2") and a leading `$` kept ("$100"). Latin accents are folded ("boîte" and "boite" are one
/// token) but case is kept, as bogofilter keeps it: "FREE" and "URGENT" in capitals are spam's, and keeping them
/// apart from "free" caught a fifth more spam in cross-validation on the training split (docs/spam.md). Numbers
/// are kept too (prices, years, "100%"). Apostrophes split ("l'identifiant" gives "identifiant": French
/// elision). Words of fewer than three bytes are dropped; over-long ones count as one "long word" token.
/// A link (`http://`, `https://`) gives its host and each parent domain as `url:` tokens.
struct WordScanner {
    let maxWordBytes: Int
    /// The word being read: a fixed buffer and its length (appending to an emptied Array cost 2 % in `perf`).
    private var word: [UInt8]
    private var length = 0
    /// The token's hash state after the word's bytes so far, hashed as they are read (hashing the word again
    /// when it was emitted was a second pass over every word).
    private var hash = FNV1a()

    init(maxWordBytes: Int) {
        self.maxWordBytes = maxWordBytes
        word = [UInt8](repeating: 0, count: maxWordBytes + 8)
    }

    /// Scans at most `budget` bytes of `text` (the budget is reduced by what was read).
    mutating func scan(_ text: String, prefix: TokenPrefix, budget: inout Int, into sink: inout TokenSink) {
        var text = text
        text.withUTF8 { bytes in
            let count = min(bytes.count, max(budget, 0))
            budget -= count
            scan(UnsafeBufferPointer(rebasing: bytes[0..<count]), prefix: prefix, into: &sink)
        }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, prefix: TokenPrefix, into sink: inout TokenSink) {
        let start = prefix.state
        var index = 0
        let end = bytes.count
        while index < end, !sink.isFull {
            let byte = bytes[index]
            guard ByteClass.startsWord(byte) else {
                index += 1
                continue
            }
            index = readWord(bytes, from: index, state: start)
            if isLinkScheme, index + 3 <= end, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
                bytes[index + 2] == UInt8(ascii: "/")
            {
                index = LinkHost.read(bytes, from: index + 3, into: &sink)
                continue
            }
            emit(prefix: prefix, into: &sink)
        }
    }

    /// Reads one word into `word` (folded) and `hash` (from the prefix's `state`); returns the index after it.
    /// On the buffer's memory, with the length and hash in locals: through `self`, every byte stored was a
    /// uniqueness and bounds check of the array.
    private mutating func readWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, state: FNV1a) -> Int {
        var length = 0
        var hash = state
        let limit = maxWordBytes
        var index = start
        let end = bytes.count
        word.withUnsafeMutableBufferPointer { buffer in
            let word = buffer
            /// Keeps at most `limit + 1` bytes: one more marks the word as over-long.
            @inline(__always) func append(_ byte: UInt8) {
                if length <= limit {
                    word[length] = byte
                    length += 1
                    hash.add(byte)
                }
            }
            if bytes[index] == UInt8(ascii: "$") {
                append(UInt8(ascii: "$"))
                index += 1
            }
            while index < end {
                let byte = bytes[index]
                if byte < 0x80 {
                    if ByteClass.isAlphanumeric(byte) {
                        append(byte)
                        index += 1
                    } else if ByteClass.isJoiner(byte), length > 0, index + 1 < end,
                        ByteClass.continuesWord(bytes[index + 1])
                    {
                        append(byte)
                        index += 1
                    } else {
                        break
                    }
                    continue
                }
                guard let (scalar, scalarLength) = UTF8Scalar.decode(bytes, at: index),
                    let folded = LetterFolding.fold(scalar)
                else {
                    break
                }
                for byte in folded { append(byte) }
                index += scalarLength
            }
        }
        self.length = length
        self.hash = hash
        return index == start ? start + 1 : index
    }

    /// "http" or "https", compared in place (comparing with an array in a global cost a lazy-initialisation check
    /// per word).
    private var isLinkScheme: Bool {
        guard length == 4 || (length == 5 && word[4] == UInt8(ascii: "s")) else { return false }
        return word[0] == UInt8(ascii: "h") && word[1] == UInt8(ascii: "t") && word[2] == UInt8(ascii: "t")
            && word[3] == UInt8(ascii: "p")
    }

    /// The word just read as a token (its hash already made by `readWord`).
    private func emit(prefix: TokenPrefix, into sink: inout TokenSink) {
        guard length >= 3 else { return }
        if length > maxWordBytes {
            sink.add(prefix: .special, text: "long-word")
            return
        }
        sink.add(hash.value, name: prefix.rawValue + String(decoding: word[0..<length], as: UTF8.self))
    }
}

/// Byte classes for the scanner, as comparisons: a table in a global would be checked for its lazy
/// initialisation at every byte (`swift_once` took 3 % of the tokenizer in `perf`).
enum ByteClass {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 26
    }
    @inline(__always) static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
    /// What may follow a joiner inside a word: a letter, a digit, or a non-ASCII byte (checked when read).
    @inline(__always) static func continuesWord(_ byte: UInt8) -> Bool { byte >= 0x80 || isAlphanumeric(byte) }
    @inline(__always) static func startsWord(_ byte: UInt8) -> Bool {
        byte >= 0x80 || isAlphanumeric(byte) || byte == UInt8(ascii: "$")
    }
}

enum ASCII {
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
