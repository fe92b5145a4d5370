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
    /// Memory for the word being read, made once per scanner. It is lent to a `WordReader` for a whole text: a
    /// uniqueness check of the array per word (`withUnsafeMutableBufferPointer`) cost 2 % of the tokenizer.
    private var word: [UInt8]

    init(maxWordBytes: Int) {
        self.maxWordBytes = maxWordBytes
        word = [UInt8](repeating: 0, count: maxWordBytes + 8)
    }

    /// Scans at most `budget` bytes of `text` (the budget is reduced by what was read).
    mutating func scan(_ text: String, prefix: TokenPrefix, budget: inout Int, into sink: inout TokenSink) {
        var text = text
        text.withUTF8 { bytes in scan(bytes, prefix: prefix, budget: &budget, into: &sink) }
    }

    /// `scan` of a text given as its UTF-8 bytes (the same tokens as the String of those bytes).
    mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, prefix: TokenPrefix, budget: inout Int, into sink: inout TokenSink
    ) {
        let count = min(bytes.count, max(budget, 0))
        budget -= count
        let text = UnsafeBufferPointer(rebasing: bytes[0..<count])
        let limit = maxWordBytes
        // The class table is read through a pointer taken once per text: its global's lazy-initialisation check
        // is paid here, not at every byte.
        ByteClass.table.withUnsafeBufferPointer { classes in
            word.withUnsafeMutableBufferPointer { word in
                var reader = WordReader(word: word, classes: classes.baseAddress!, maxWordBytes: limit)
                reader.scan(text, prefix: prefix, into: &sink)
            }
        }
    }
}

/// The scanner's loop over one text, on the word buffer's memory: the word's length and hash live in this
/// value, which the compiler keeps in registers (read and written through the scanner, every byte stored was a
/// uniqueness and bounds check of its array).
private struct WordReader {
    /// At least `maxWordBytes + 1` bytes: one more than the longest word marks a word as over-long.
    let word: UnsafeMutableBufferPointer<UInt8>
    let maxWordBytes: Int
    /// `ByteClass.table`: a byte's classes in one load and test (the comparisons were several branches a byte).
    let classes: UnsafePointer<UInt8>
    /// The word just read: its length in `word`, and the token's hash state after its bytes, hashed as they are
    /// read (hashing the word again when it was emitted was a second pass over every word).
    var length = 0
    var hash = FNV1a()

    init(word: UnsafeMutableBufferPointer<UInt8>, classes: UnsafePointer<UInt8>, maxWordBytes: Int) {
        precondition(word.count > maxWordBytes)
        self.word = word
        self.classes = classes
        self.maxWordBytes = maxWordBytes
    }

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, prefix: TokenPrefix, into sink: inout TokenSink) {
        let start = prefix.state
        var index = 0
        let end = bytes.count
        while !sink.isFull {
            // The bytes between words, skipped in a loop of their own (only a token can fill the sink).
            while index < end, classes[Int(bytes[index])] & ByteClass.startsWordBit == 0 { index &+= 1 }
            guard index < end else { break }
            index = readWord(bytes, from: index, state: start)
            // A word of one or two bytes (a third of the words of prose) is neither a token nor a link scheme:
            // skipped here, without the call to `emit` and its register saving.
            if length < 3 { continue }
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
    private mutating func readWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, state: FNV1a) -> Int {
        length = 0
        hash = state
        var index = start
        let end = bytes.count
        if bytes[index] == UInt8(ascii: "$") {
            append(UInt8(ascii: "$"))
            index += 1
        }
        while index < end {
            let byte = bytes[index]
            let byteClasses = classes[Int(byte)]
            if byteClasses & ByteClass.alphanumericBit != 0 {
                append(byte)
                index &+= 1
                continue
            }
            if byte < 0x80 {
                guard byteClasses & ByteClass.joinerBit != 0, length > 0, index + 1 < end,
                    classes[Int(bytes[index + 1])] & ByteClass.continuesWordBit != 0
                else { break }
                append(byte)
                index += 1
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
        return index == start ? start + 1 : index
    }

    /// Keeps at most `maxWordBytes + 1` bytes: one more marks the word as over-long.
    @inline(__always) private mutating func append(_ byte: UInt8) {
        if length <= maxWordBytes {
            word[length] = byte
            length &+= 1
            hash.add(byte)
        }
    }

    /// "http" or "https", compared in place (comparing with an array in a global cost a lazy-initialisation check
    /// per word).
    private var isLinkScheme: Bool {
        guard length == 4 || (length == 5 && word[4] == UInt8(ascii: "s")) else { return false }
        return word[0] == UInt8(ascii: "h") && word[1] == UInt8(ascii: "t") && word[2] == UInt8(ascii: "t")
            && word[3] == UInt8(ascii: "p")
    }

    /// The word just read, of three bytes or more, as a token (its hash already made by `readWord`).
    private func emit(prefix: TokenPrefix, into sink: inout TokenSink) {
        if length > maxWordBytes {
            sink.add(prefix: .special, text: "long-word")
            return
        }
        sink.add(hash.value, name: prefix.rawValue + String(decoding: word[0..<length], as: UTF8.self))
    }
}

/// Byte classes for the scanner: defined by comparisons, and kept as bits in `table`, which the scanner reads
/// through a pointer taken once per text (read as a global at every byte, its lazy-initialisation check,
/// `swift_once`, took 3 % of the tokenizer in `perf`).
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

    static let startsWordBit: UInt8 = 1
    /// An ASCII letter or digit.
    static let alphanumericBit: UInt8 = 2
    static let joinerBit: UInt8 = 4
    static let continuesWordBit: UInt8 = 8

    /// Each byte's classes as bits, from the functions above, for the scanner's loops (which take a pointer to
    /// it once per text).
    static let table: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        var bits: UInt8 = 0
        if startsWord(byte) { bits |= startsWordBit }
        if byte < 0x80, isAlphanumeric(byte) { bits |= alphanumericBit }
        if isJoiner(byte) { bits |= joinerBit }
        if continuesWord(byte) { bits |= continuesWordBit }
        return bits
    }
}

enum ASCII {
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
