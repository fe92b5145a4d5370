/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Adjacent words are joined, the white space between them dropped (RFC 2047 6.2), and their bytes decoded
/// together when they share a charset, because mailers do split a multibyte character across two words.
/// Words are found anywhere, also inside quoted strings and words, as Dovecot and most clients do. A word in an
/// unknown charset stays as it was written: the raw text is more useful than a guess.
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
        var pending: Pending?
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == ASCII.equals, bytes[index + 1] == ASCII.question,
                let word = parseWord(bytes, at: index)
            else {
                index += 1
                continue
            }
            let gapIsBlank = bytes[plainStart..<index].allSatisfy(ASCII.isLineWhitespace)
            if var current = pending, gapIsBlank, current.charset == word.charset {
                current.bytes += word.bytes
                current.rawEnd = word.end
                pending = current
            } else {
                if let current = pending { text += current.text(bytes) }
                if pending == nil || !gapIsBlank { text += Charset.decodeUnlabeled(bytes[plainStart..<index]) }
                pending = Pending(charset: word.charset, bytes: word.bytes, rawStart: index, rawEnd: word.end)
            }
            index = word.end
            plainStart = index
        }
        if let current = pending { text += current.text(bytes) }
        text += Charset.decodeUnlabeled(bytes[plainStart...])
        return text
    }

    private struct Pending {
        var charset: String
        var bytes: [UInt8]
        var rawStart: Int
        var rawEnd: Int

        func text(_ source: [UInt8]) -> String {
            Charset.decode(bytes, charset: charset) ?? Charset.decodeUnlabeled(source[rawStart..<rawEnd])
        }
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    private static func containsMarker<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == ASCII.equals && bytes[index + 1] == ASCII.question { return true }
            index += 1
        }
        return false
    }

    /// Parses `=?charset?X?text?=` at `start`; nil when the bytes there are not an encoded word.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        let limit = min(bytes.count, start + maxWordLength)
        var index = start + 2
        let charsetStart = index
        while index < limit, bytes[index] != ASCII.question {
            if bytes[index] <= ASCII.space || bytes[index] >= 0x7F { return nil }
            index += 1
        }
        guard index < limit, index > charsetStart, index + 2 < limit, bytes[index + 2] == ASCII.question else {
            return nil
        }
        let charset = Charset.canonicalName(String(decoding: bytes[charsetStart..<index], as: UTF8.self))
        let encoding = ASCII.lowercased(bytes[index + 1])
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        index = textStart
        while index + 1 < limit, !(bytes[index] == ASCII.question && bytes[index + 1] == ASCII.equals) {
            // B text never holds white space; Q text should not, but some mailers leave spaces in it.
            if bytes[index] == ASCII.cr || bytes[index] == ASCII.lf { return nil }
            if encoding == UInt8(ascii: "b") && ASCII.isWhitespace(bytes[index]) { return nil }
            index += 1
        }
        guard index + 1 < limit else { return nil }
        let encoded = bytes[textStart..<index]
        let decoded =
            encoding == UInt8(ascii: "b")
            ? Base64.decode(encoded) : QuotedPrintable.decode(encoded, underscoreIsSpace: true)
        return Word(charset: charset, bytes: decoded, end: index + 2)
    }
}
