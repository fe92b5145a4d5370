import Testing

@testable import Spam

/// Messages a hostile sender writes to make the tokenizer trap, loop or grow: each gives a bounded set of tokens.
@Suite struct MessageTokenizerHostileInputTests {
    private func tokens(_ bytes: [UInt8]) -> MessageTokens {
        MessageTokenizer().tokens(of: bytes, keepNames: true)
    }

    private func header(_ body: String = "") -> [UInt8] {
        Array("From: a@b.example\r\nSubject: x\r\n\r\n\(body)".utf8)
    }

    @Test func anEmptyMessageAndOneOfNULsGiveFewTokens() {
        #expect(tokens([]).hashes.count < 10)
        let nuls = tokens(header() + [UInt8](repeating: 0, count: 1 << 20))
        #expect(nuls.hashes.count < 20)
    }

    @Test func aMessageThatIsOneHugeLinkGivesOneHostToken() {
        let link = header("http://") + [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
        let names = Set(tokens(link).names?.values.map { $0 } ?? [])
        #expect(names.contains("url:(no host)"))
        #expect(!names.contains { $0.hasPrefix("url:a") })
    }

    @Test func aHostOfThousandsOfLabelsGivesAtMostItsBoundOfParents() {
        let host = Array(repeating: "a", count: 5000).joined(separator: ".")
        let names = tokens(header("see https://\(host)/x and https://x.\(String(host.prefix(240))).example/")).names
        let urls = (names?.values.map { $0 } ?? []).filter { $0.hasPrefix("url:") }
        #expect(urls.count <= 1 + LinkHost.maxLevels)
        #expect(urls.allSatisfy { $0.utf8.count <= 4 + LinkHost.maxHostBytes })
    }

    @Test func millionsOfTinyWordsAndInvalidUTF8StayWithinTheLimits() {
        let tiny = tokens(header(String(repeating: "ab ", count: 2_000_000)))
        #expect(tiny.hashes.count < 20)
        var junk: [UInt8] = []
        var state: UInt32 = 1
        for _ in 0..<(2 << 20) {
            state = state &* 1_103_515_245 &+ 12345
            junk.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        let random = tokens(header() + junk)
        #expect(random.hashes.count <= TokenizerLimits.default.maxTokens)
        // Every byte that can end a UTF-8 sequence early, at the very end of the text.
        for tail: [UInt8] in [
            [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        ] {
            _ = tokens(header("mot") + tail)
            _ = tokens(header("http://h") + tail)
        }
    }

    @Test func deeplyNestedMultipartsAndManyHeaderFieldsAreBounded() {
        var text = "Subject: x\r\n"
        for level in 0..<500 { text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n" }
        text += "Content-Type: text/plain\r\n\r\nbonjour tout le monde\r\n"
        #expect(tokens(Array(text.utf8)).hashes.count < TokenizerLimits.default.maxTokens)
        let fields = (0..<100_000).map { "X-F\($0): mot\($0)\r\n" }.joined()
        let many = tokens(Array((fields + "\r\nbody\r\n").utf8))
        #expect(many.hashes.count <= TokenizerLimits.default.maxTokens)
    }
}
