import Testing

@testable import MailMessage

/// Hostile shapes of encoded words: whatever the size, the decoded text is right (their cost is measured by
/// `mailsift-bench headers`, not timed here), and the linear search for word ends answers exactly as a
/// separate search per word would.
@Suite struct EncodedWordsScaleTests {
    private func decode(_ text: String) -> String { EncodedWords.decode(Array(text.utf8)) }

    /// Equality that reports where two long texts part, rather than printing them whole.
    private func same(_ actual: String, _ expected: String) -> Bool {
        guard actual != expected else { return true }
        let prefix = zip(actual.utf8, expected.utf8).prefix { $0 == $1 }.count
        func around(_ text: String) -> String {
            String(decoding: Array(text.utf8.dropFirst(max(0, prefix - 20)).prefix(60)), as: UTF8.self).debugDescription
        }
        let lengths = "lengths \(actual.utf8.count) and \(expected.utf8.count)"
        Issue.record(
            "texts differ at UTF-8 byte \(prefix) (\(lengths)): \(around(actual)) instead of \(around(expected))")
        return false
    }

    @Test func hundredThousandAdjacentWordsJoinIntoOneText() {
        // The white space between words goes; the space after the last one is plain text and stays.
        let words = String(repeating: "=?utf-8?q?caf=C3=A9?= ", count: 100_000)
        #expect(same(decode(words), String(repeating: "café", count: 100_000) + " "))
        // A multibyte character split across words joins whatever the run's length.
        let split = String(repeating: "=?utf-8?q?=C3?= =?utf-8?q?=A9?= ", count: 50_000)
        #expect(same(decode(split), String(repeating: "é", count: 50_000) + " "))
    }

    @Test func aFoldedSubjectOfManyWordsDecodesWhole() {
        let line = "=?utf-8?q?=C3=A9t=C3=A9_=C3=A0_la_plage?=\r\n "
        let count = 300_000 / line.utf8.count
        let parsed = message("Subject: " + String(repeating: line, count: count) + "fin\r\n\r\nbody")
        #expect(same(parsed.subject ?? "", String(repeating: "été à la plage", count: count) + " fin"))
    }

    @Test func threeHundredKilobytesOfUnclosedWordsStayAsWritten() {
        // Q text may hold spaces, so each `=?` could run on to a `?=` far away: there is none.
        let unclosed = String(repeating: "=?utf-8?q?a ", count: 25_000)
        #expect(same(decode(unclosed), unclosed))
        // B text ends at a space: every `=?` here fails, and the real word at the end still decodes.
        let unclosedB = String(repeating: "=?utf-8?b?YQ ", count: 25_000)
        #expect(same(decode(unclosedB + "=?utf-8?b?w6k=?="), unclosedB + "é"))
        // `=?` with no charset end at all.
        let bare = String(repeating: "=?", count: 150_000)
        #expect(same(decode(bare), bare))
    }

    @Test func aWordLongerThanTheLimitIsNotTakenAsOne() {
        let long = "=?utf-8?q?" + String(repeating: "a", count: EncodedWords.maxWordLength) + "?="
        #expect(decode(long) == long)
        #expect(decode("=?utf-8?q?" + String(repeating: "a", count: 100) + "?=") == String(repeating: "a", count: 100))
    }

    /// Random values built from the pieces of encoded words, decoded both ways: they must agree exactly.
    @Test func agreesWithAWordByWordSearchOnRandomValues() {
        let pieces = [
            "=?", "?=", "utf-8", "iso-8859-1", "?q?", "?Q?", "?b?", "?B?", "w6k=", "=C3=A9", "a", "_", " ", "\t",
            "\r\n ", "?", "=", "x-bogus", "YWJj", "caf",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let value = (0..<(1 + next(40))).map { _ in pieces[next(pieces.count)] }.joined()
            let bytes = Array(value.utf8)
            #expect(EncodedWords.decode(bytes) == WordByWordDecoder.decode(bytes), "\(value.debugDescription)")
        }
    }
}

/// The decoder as it was before the shared search for word ends (each `=?` scanned on its own, up to
/// `maxWordLength`): slow on hostile input, and the reference for what the linear one must answer.
private enum WordByWordDecoder {
    static func decode(_ bytes: [UInt8]) -> String {
        var text = ""
        var plainStart = 0
        var pending: (charset: String, bytes: [UInt8], raw: Range<Int>)?
        var index = 0
        func flush(_ pending: (charset: String, bytes: [UInt8], raw: Range<Int>)) -> String {
            Charset.decode(pending.bytes, charset: pending.charset) ?? Charset.decodeUnlabeled(bytes[pending.raw])
        }
        while index + 1 < bytes.count {
            guard bytes[index] == ASCII.equals, bytes[index + 1] == ASCII.question,
                let word = parseWord(bytes, at: index)
            else {
                index += 1
                continue
            }
            let gapIsBlank = bytes[plainStart..<index].allSatisfy(ASCII.isLineWhitespace)
            if let current = pending, gapIsBlank, current.charset == word.charset {
                pending = (current.charset, current.bytes + word.bytes, current.raw.lowerBound..<word.end)
            } else {
                if let current = pending { text += flush(current) }
                if pending == nil || !gapIsBlank { text += Charset.decodeUnlabeled(bytes[plainStart..<index]) }
                pending = (word.charset, word.bytes, index..<word.end)
            }
            index = word.end
            plainStart = index
        }
        if let current = pending { text += flush(current) }
        return text + Charset.decodeUnlabeled(bytes[plainStart...])
    }

    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (charset: String, bytes: [UInt8], end: Int)? {
        let limit = min(bytes.count, start + EncodedWords.maxWordLength)
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
            if bytes[index] == ASCII.cr || bytes[index] == ASCII.lf { return nil }
            if encoding == UInt8(ascii: "b") && ASCII.isWhitespace(bytes[index]) { return nil }
            index += 1
        }
        guard index + 1 < limit else { return nil }
        let encoded = bytes[textStart..<index]
        let decoded =
            encoding == UInt8(ascii: "b")
            ? Base64.decode(encoded) : QuotedPrintable.decode(encoded, underscoreIsSpace: true)
        return (charset, decoded, index + 2)
    }
}
