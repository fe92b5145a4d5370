import TestSupport
import Testing

@testable import Archive

@Suite struct BlockCodecTests {
    @Test func roundTripKeepsEveryMessageAndItsBoundaries() throws {
        let messages = [
            SampleMail.message(1), [], SampleMail.message(2, crlf: true), Array(repeating: 0xFF, count: 70_000),
        ]
        let stored = try BlockCodec.encode(messages, level: 3)
        let decoded = try BlockCodec.decode(stored[...], at: "test", limit: 1 << 20)
        #expect(decoded.map(Array.init) == messages)
    }

    @Test func aFlippedByteAnywhereIsCaught() throws {
        let stored = try BlockCodec.encode([SampleMail.message(1), SampleMail.message(2)], level: 3)
        for index in stride(from: 0, to: stored.count, by: 7) {
            var damaged = stored
            damaged[index] ^= 0x20
            #expect(throws: ArchiveError.self, "byte \(index)") {
                _ = try BlockCodec.decode(damaged[...], at: "test", limit: 1 << 20)
            }
        }
    }

    @Test func aCutBlockIsAnErrorNamingThePlace() throws {
        let stored = try BlockCodec.encode([SampleMail.message(1)], level: 3)
        do {
            _ = try BlockCodec.decode(stored.dropLast(5), at: "segment 7 offset 16", limit: 1 << 20)
            Issue.record("a cut block was accepted")
        } catch {
            #expect(error.isDamage)
            #expect(error.message.contains("segment 7 offset 16"))
        }
    }
}

@Suite struct BlockCodecSingleMessageTests {
    @Test func eachMessageAloneMatchesTheWholeDecode() throws {
        let messages = (1...12).map { SampleMail.message($0, crlf: $0 % 3 == 0) } + [[]]
        let stored = try BlockCodec.encode(messages, level: 3)
        for position in messages.indices {
            let one = try BlockCodec.decodeOne(stored[...], position: position, at: "test", limit: 1 << 20)
            #expect(Array(one) == messages[position])
        }
        #expect(throws: ArchiveError.self) {
            try BlockCodec.decodeOne(stored[...], position: messages.count, at: "test", limit: 1 << 20)
        }
    }
}

@Suite struct BlockCodecTruncationTests {
    /// A single read skips the CRC, so it must itself stop on a frame cut short (a damaged length in the
    /// header): an error, not a loop waiting for bytes that will never come.
    @Test func aFrameCutShortIsAnErrorForASingleRead() throws {
        let messages = (1...8).map { SampleMail.message($0) }
        let stored = try BlockCodec.encode(messages, level: 3)
        let header = try BlockHeader(decoding: stored[...], at: "test")
        for cut in [1, 10, Int(header.payloadLength) / 2] {
            var shortened = BlockHeader(
                messageCount: header.messageCount, rawLength: header.rawLength,
                payloadLength: header.payloadLength - UInt32(cut), payloadCRC: header.payloadCRC
            ).encoded()
            shortened += stored[BlockHeader.size..<(stored.count - cut)]
            #expect(throws: ArchiveError.self, "cut \(cut)") {
                _ = try BlockCodec.decodeOne(shortened[...], position: messages.count - 1, at: "test", limit: 1 << 20)
            }
        }
    }
}
