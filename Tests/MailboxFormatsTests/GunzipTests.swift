import MailboxFormats
import TestSupport
import Testing

@Suite struct GunzipTests {
    @Test func decodesMembersOneAfterAnother() throws {
        let one = SampleMail.message(1)
        let two = SampleMail.message(2)
        #expect(try Gunzip.decode(try Gzip.compress(one) + Gzip.compress(two), limit: 1 << 20) == one + two)
    }

    @Test func aBombStopsAtTheLimitAndDamageIsAnError() throws {
        let bomb = try Gzip.compress(Array(repeating: 0, count: 5 << 20))
        #expect(bomb.count < 10_000)
        #expect(throws: Gunzip.Failure.self) { try Gunzip.decode(bomb, limit: 1 << 20) }
        var damaged = try Gzip.compress(SampleMail.message(3))
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: Gunzip.Failure.self) { try Gunzip.decode(damaged, limit: 1 << 20) }
        #expect(throws: Gunzip.Failure.self) { try Gunzip.decode(Array(damaged.prefix(15)), limit: 1 << 20) }
    }
}
