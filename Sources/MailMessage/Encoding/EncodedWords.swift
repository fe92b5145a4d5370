/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Adjacent words are joined, the white space between them dropped (RFC 2047 6.2), and their bytes decoded
/// together when they share a charset, because mailers do split a multibyte character across two words.
/// Words are found anywhere, also inside quoted strings and words, as Dovecot and most clients do. A word in an
/// unknown charset stays as it was written: the raw text is more useful than a guess.
///
/// Time and memory are linear in the input, whatever it holds: the bytes of a run of adjacent words are
/// appended in place (never copied per word), and the search for where a word's text ends is shared by every
/// `=?` that starts inside the same stretch, so a value full of unclosed `=?` is read about twice, not once
/// per `=?`.
public enum EncodedWords {
    /// Longest encoded word taken as one; real mailers stay far below (RFC 2047 asks for 75 bytes).
    static let maxWordLength = 8 * 1024

    public static func decode<Bytes: RandomAccessCollection>(_ input: Bytes) -> String
    where Bytes.Element == UInt8, Bytes.Index == Int {
        // Most values hold no encoded word: decode them in place, without a copy.
        guard input.count >= 8, containsMarker(input) else { return Charset.decodeUnlabeled(input) }
        let bytes = Array(input)

        var text = ""
        var plainStart = 0
        // The run of adjacent words in one charset not yet decoded: its charset, its joined bytes, and where
        // it stands in the input (kept as written if the charset is unknown).
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var pendingRaw = 0..<0
        var ends = TextEnds()
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == ASCII.equals, bytes[index + 1] == ASCII.question,
                let word = parseWord(bytes, at: index, ends: &ends)
            else {
                index += 1
                continue
            }
            let gapIsBlank = bytes[plainStart..<index].allSatisfy(ASCII.isLineWhitespace)
            if pendingCharset != nil, gapIsBlank, pendingCharset == word.charset {
                pendingBytes.append(contentsOf: word.bytes)
                pendingRaw = pendingRaw.lowerBound..<word.end
            } else {
                if let charset = pendingCharset {
                    text += Self.text(pendingBytes, charset: charset, raw: bytes[pendingRaw])
                }
                if pendingCharset == nil || !gapIsBlank { text += Charset.decodeUnlabeled(bytes[plainStart..<index]) }
                pendingCharset = word.charset
                pendingBytes = word.bytes
                pendingRaw = index..<word.end
            }
            index = word.end
            plainStart = index
        }
        if let charset = pendingCharset { text += Self.text(pendingBytes, charset: charset, raw: bytes[pendingRaw]) }
        text += Charset.decodeUnlabeled(bytes[plainStart...])
        return text
    }

    /// A run of words decoded together, or as written when its charset is unknown.
    private static func text(_ decoded: [UInt8], charset: String, raw: ArraySlice<UInt8>) -> String {
        Charset.decode(decoded, charset: charset) ?? Charset.decodeUnlabeled(raw)
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Where the text of a word can end at the earliest: the `?` of the next `?=`, or a byte that text cannot
    /// hold (CR or LF; for B also space and tab), or the end of the input.
    ///
    /// The first such place at or after a position is the same for every position before it, and words are
    /// tried from left to right, so the last place found answers every later word that starts before it: the
    /// input is scanned once for each of the two encodings instead of up to `maxWordLength` bytes per `=?`.
    struct TextEnds {
        private var q: (from: Int, stop: Int) = (Int.max, Int.max)
        private var b: (from: Int, stop: Int) = (Int.max, Int.max)

        mutating func stop(_ bytes: [UInt8], from start: Int, base64: Bool) -> Int {
            let cached = base64 ? b : q
            if cached.from <= start && start <= cached.stop { return cached.stop }
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == ASCII.question, index + 1 < bytes.count, bytes[index + 1] == ASCII.equals { break }
                if byte == ASCII.cr || byte == ASCII.lf { break }
                if base64 && ASCII.isWhitespace(byte) { break }
                index += 1
            }
            if base64 { b = (start, index) } else { q = (start, index) }
            return index
        }
    }

    static func containsMarker<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == ASCII.equals && bytes[index + 1] == ASCII.question { return true }
            index += 1
        }
        return false
    }

    /// Parses `=?charset?X?text?=` at `start`; nil when the bytes there are not an encoded word.
    private static func parseWord(_ bytes: [UInt8], at start: Int, ends: inout TextEnds) -> Word? {
        let limit = min(bytes.count, start + maxWordLength)
        var index = start + 2
        let charsetStart = index
        // Stops at the first `?` or at a byte no charset holds, which is at the latest the `?` of the next
        // `=?`: the charset scans of successive words never overlap.
        while index < limit, bytes[index] != ASCII.question {
            if bytes[index] <= ASCII.space || bytes[index] >= 0x7F { return nil }
            index += 1
        }
        guard index < limit, index > charsetStart, index + 2 < limit, bytes[index + 2] == ASCII.question else {
            return nil
        }
        let encoding = ASCII.lowercased(bytes[index + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        // B text never holds white space; Q text should not, but some mailers leave spaces in it.
        let textEnd = ends.stop(bytes, from: textStart, base64: encoding == UInt8(ascii: "b"))
        guard textEnd + 1 < limit, bytes[textEnd] == ASCII.question else { return nil }
        let charset = Charset.canonicalName(String(decoding: bytes[charsetStart..<index], as: UTF8.self))
        let encoded = bytes[textStart..<textEnd]
        let decoded =
            encoding == UInt8(ascii: "b")
            ? Base64.decode(encoded) : QuotedPrintable.decode(encoded, underscoreIsSpace: true)
        return Word(charset: charset, bytes: decoded, end: textEnd + 2)
    }
}
