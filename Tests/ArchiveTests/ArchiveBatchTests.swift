import Archive
import Foundation
import GRDB
import TestSupport
import Testing

/// One `archive(_:)` call as the importer and the archiver make it: a block's worth of messages, checked against the
/// catalogue in one lookup, recorded in one commit.
@Suite struct ArchiveBatchTests {
    private let options = ArchiveOptions(blockSize: 1 << 20, compressionLevel: 3)

    /// The same message twice in one call, in one folder and in two: one row per folder, one stored copy; messages
    /// archived by an earlier call are found again whatever their place in the batch.
    @Test func duplicatesWithinACallAndAcrossCallsAreStoredOnce() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path, options: options)
        let earlier = try store.archive([SampleMail.incoming(1), SampleMail.incoming(2, folder: "Archives")])
        let batch = [
            SampleMail.incoming(3), SampleMail.incoming(1), SampleMail.incoming(3),
            SampleMail.incoming(3, folder: "Archives"), SampleMail.incoming(2, folder: "Archives"),
            SampleMail.incoming(2), SampleMail.incoming(1, folder: "Archives"), SampleMail.incoming(2),
        ]
        let receipts = try store.archive(batch)
        #expect(receipts.map(\.isNew) == [true, false, false, true, false, true, true, false])
        #expect(receipts[1].id == earlier[0].id && receipts[4].id == earlier[1].id)
        #expect(receipts[0].id == receipts[2].id && receipts[5].id == receipts[7].id)
        #expect(Set(receipts.map(\.id)).count == 6)
        let stats = try store.stats()
        #expect(stats.messages == 2 + 4)
        #expect(stats.distinctMessages == 3)
        #expect(try store.verify().isClean)
        let reader = try ArchiveStore(directory: folder.path, mode: .readOnly)
        for (receipt, message) in zip(receipts, batch) { #expect(try reader.message(receipt.id) == message.bytes) }
    }

    /// A call of more messages than one lookup statement takes (500), all archived before: every one is found,
    /// nothing added, and the receipts give the first call's ids in order.
    @Test func aLargeCallOfMessagesArchivedBeforeAddsNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path, options: options)
        let messages = (1...1_201).map { SampleMail.incoming($0) }
        let first = try store.archive(messages)
        #expect(first.allSatisfy { $0.isNew })
        let again = try store.archive(messages.reversed())
        #expect(again.allSatisfy { !$0.isNew })
        #expect(again.map(\.id) == first.map(\.id).reversed())
        // The same contents in another folder: new rows, no new copies.
        let moved = try store.archive(
            messages.map { IncomingMessage(bytes: $0.bytes, origin: .init(account: "prof", folder: "Moved")) })
        #expect(moved.allSatisfy { $0.isNew })
        let stats = try store.stats()
        #expect(stats.messages == 2 * 1_201 && stats.distinctMessages == 1_201)
    }

    /// A receipt's SHA-256 is the content's, in lower-case hex.
    @Test func aReceiptNamesTheContentsSHA256() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path, options: options)
        let receipt = try store.archive([
            IncomingMessage(bytes: Array("abc".utf8), origin: ArchiveOrigin(account: "prof", folder: "INBOX"))
        ])
        #expect(receipt.map(\.sha256) == ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"])
    }

    /// A commit that fails part-way (here a trigger refuses the third message's row) leaves nothing of the call
    /// recorded: no row, no search hit, no block the catalogue names; the bytes written are cut on the next open,
    /// and the same call made again archives every message once.
    @Test func aFailedCommitLeavesNothingHalfRecorded() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let before = (1...4).map { SampleMail.incoming($0) }
        let batch = (5...12).map { SampleMail.incoming($0) }
        do {
            let store = try ArchiveStore(directory: folder.path, options: options)
            _ = try store.archive(before)
        }
        let catalogue = try DatabaseQueue(path: folder.path + "/catalogue.sqlite")
        try catalogue.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_seven BEFORE INSERT ON messages
                    WHEN NEW.subject = 'Rapport hebdomadaire n°7' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                    """)
        }
        do {
            let store = try ArchiveStore(directory: folder.path, options: options)
            #expect(throws: ArchiveError.self) { try store.archive(batch) }
            #expect(try store.stats().messages == 4)
            #expect(try store.search(SearchQuery(words: "rapport", limit: 100)).count == 4)
        }
        let counts = try catalogue.read { db in
            try [
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blocks")!,
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blobs")!,
                Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages")!,
            ]
        }
        #expect(counts == [1, 4, 4])
        try catalogue.write { db in try db.execute(sql: "DROP TRIGGER refuse_seven") }
        try catalogue.close()

        let store = try ArchiveStore(directory: folder.path, options: options)
        let receipts = try store.archive(before + batch)
        #expect(receipts.map(\.isNew) == Array(repeating: false, count: 4) + Array(repeating: true, count: 8))
        #expect(try store.stats().messages == 12)
        #expect(try store.search(SearchQuery(words: "rapport", limit: 100)).count == 12)
        #expect(try store.verify().isClean)
    }
}
