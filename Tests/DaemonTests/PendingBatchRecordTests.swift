import Foundation
import Testing

@testable import Daemon

/// The batch record the state store keeps before every batch's first action: what is written is read back
/// exactly, a damaged record is an error (never a crash), and a batch written as JSON by an earlier version
/// is still read.
@Suite struct PendingBatchRecordTests {
    static let batch = PendingBatch(
        uidValidity: 1_700_000_000, throughUID: UInt32.max,
        plans: [
            MessagePlan(
                uid: 7,
                identity: MessageIdentity(
                    messageID: "<a b:1@ex>", date: "d", from: "f", subject: "Réunion : 3 points", size: 12_345,
                    internalDate: "1764547200"),
                originalFlags: ["\\Seen", "$Important"],
                copies: [.init(mailbox: "Archives/2026 été", flags: ["\\Seen"], create: true)],
                disposition: .keep(flags: ["\\Flagged"]), notCarriedOut: ["redirect to x@y: not carried out"],
                decidedBy: ["/etc/mailsift/rules/10 spam.sieve", "/var/lib/mailsift/rules/alice/20:tri.sieve"]),
            MessagePlan(
                uid: 8, identity: MessageIdentity(messageID: nil, size: 0, internalDate: nil, fingerprint: ""),
                disposition: .move(.init(mailbox: "Listes", flags: [], create: false))),
            MessagePlan(
                uid: 9, identity: MessageIdentity(messageID: "", size: UInt64.max, internalDate: "", fingerprint: "x"),
                disposition: .delete),
        ],
        copyMarks: ["Archives/2026 été": .init(uidValidity: 3, uidNext: 41), "": .init(uidValidity: 0, uidNext: 0)])

    @Test func whatIsWrittenIsReadBack() throws {
        #expect(try PendingBatch(record: Self.batch.record()) == Self.batch)
        let empty = PendingBatch(uidValidity: 1, throughUID: 0, plans: [])
        #expect(try PendingBatch(record: empty.record()) == empty)
    }

    @Test func aBatchWrittenAsJSONIsStillRead() throws {
        let json = try JSONEncoder().encode(Self.batch)
        #expect(try PendingBatch(record: Array(json)) == Self.batch)
    }

    /// Every shorter record, and every record with one byte changed to each of a few hostile values, is read
    /// as an error or as some batch: never a crash, never a read past the end.
    @Test func aDamagedRecordIsAnErrorNotACrash() {
        let record = Self.batch.record()
        var errors = 0
        for length in 0..<record.count {
            if (try? PendingBatch(record: Array(record[..<length]))) == nil { errors += 1 }
        }
        #expect(errors == record.count, "every truncated record is refused")
        for index in record.indices {
            for value in [UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: " "), 0xff] {
                var damaged = record
                damaged[index] = value
                _ = try? PendingBatch(record: damaged)
            }
        }
        #expect(throws: RecordError.self) { try PendingBatch(record: Array("B2 1 2 99999999999999999999999 ".utf8)) }
        #expect(throws: RecordError.self) { try PendingBatch(record: Array("B2 1 2 0 1000000 ".utf8)) }
        #expect(throws: RecordError.self) { try PendingBatch(record: Self.batch.record() + [0x20]) }
    }
}
