import MailboxFormats
import TestSupport
import Testing

@Suite struct GunzipStreamTests {
    @Test func aBombStopsOnceItPassesTheRatio() throws {
        // 64 MiB of zeros compress to about 64 KB: a ratio near 1,000.
        let zeros = [UInt8](repeating: 0, count: 64 << 20)
        let bomb = try Gzip.compress(zeros)
        let stream = GunzipStream(limit: 1 << 40, maxRatio: 20, compressedSize: bomb.count)
        var received = 0
        #expect(throws: GunzipStreamError<Never>.self) {
            try stream.feed(bomb[...]) { (piece: ArraySlice<UInt8>) throws(Never) in received += piece.count }
        }
        // It stopped within one output piece of the bound, long before the 64 MiB.
        #expect(received <= 20 * bomb.count + GunzipStream.ratioAllowance + (1 << 16))
        #expect(received < 8 << 20)
    }

    @Test func decodingFedByteByByteEqualsDecodingWhole() throws {
        let original = SampleMail.message(1) + SampleMail.message(2)
        let data = try Gzip.compress(SampleMail.message(1)) + Gzip.compress(SampleMail.message(2)) + [0, 0, 0]
        let stream = GunzipStream(limit: 1 << 20)
        var output: [UInt8] = []
        for index in data.indices {
            try stream.feed(data[index...index]) { (piece: ArraySlice<UInt8>) throws(Never) in
                output.append(contentsOf: piece)
            }
        }
        try stream.finish()
        #expect(output == original)
        #expect(try Gunzip.decode(data, limit: 1 << 20) == original)
    }

    @Test func dataCutShortOrFollowedByJunkIsAnError() throws {
        let data = try Gzip.compress(SampleMail.message(1))
        let cut = GunzipStream(limit: 1 << 20)
        try cut.feed(data.dropLast(10)) { (_: ArraySlice<UInt8>) throws(Never) in }
        #expect(throws: Gunzip.Failure.self) { try cut.finish() }
        #expect(throws: Gunzip.Failure.self) { try Gunzip.decode(data + [0, 0, 7], limit: 1 << 20) }
    }
}
