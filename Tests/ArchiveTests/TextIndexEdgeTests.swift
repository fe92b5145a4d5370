import Archive
import Foundation
import GRDB
import TestSupport
import Testing

/// The text index built after the mail is in, at its edges: a catalogue from before text could wait, a rebuilt
/// catalogue, a message archived again into another folder while its text waits, and many ids read at once.
@Suite struct TextIndexEdgeTests {
    private let options = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    /// A catalogue written before text could wait (no `text_pending`), opened read-only by this version: stats and
    /// search work and say nothing waits.
    @Test func aCatalogueFromBeforeTextCouldWaitIsReadAsItIs() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        _ = try ArchiveStore(directory: root.path, options: options).archive((1...10).map { SampleMail.incoming($0) })
        let pool = try DatabasePool(path: root.path + "/catalogue.sqlite")
        try pool.write { db in
            try db.execute(sql: "DROP TABLE text_pending")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('v4', 'v5')")
        }
        try pool.close()
        let store = try ArchiveStore(directory: root.path, mode: .readOnly)
        #expect(try store.stats().textWaiting == 0)
        #expect(try store.messagesWaitingForTextIndex() == 0)
        #expect(try store.search(SearchQuery(words: "rentrée", limit: 100)).count == 10)
    }

    /// Rebuilt from the segments while text waited: every message searchable by its words, once, nothing waiting.
    @Test func aCatalogueRebuiltWhileTextWaitsHasEveryMessageSearchableOnce() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let receipts = try ArchiveStore(directory: root.path, options: options).archive(
            (1...30).map { SampleMail.incoming($0) }, indexingText: false)
        _ = try ArchiveStore.rebuildCatalogue(directory: root.path, options: options)
        let store = try ArchiveStore(directory: root.path, options: options)
        #expect(try store.messagesWaitingForTextIndex() == 0)
        #expect(try store.indexPendingText().indexed == 0)
        let found = try store.search(SearchQuery(words: "rentrée", limit: 100)).map(\.id)
        #expect(found.count == receipts.count && Set(found).count == receipts.count)
    }

    /// The same message archived into a second folder while the first copy's text waits: two rows, each indexed
    /// once, both found.
    @Test func aMessageArchivedIntoASecondFolderWhileItsTextWaitsIsFoundInBoth() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let store = try ArchiveStore(directory: root.path, options: options)
        let first = try store.archive([SampleMail.incoming(3)], indexingText: false)
        let second = try store.archive([SampleMail.incoming(3, folder: "Sent")], indexingText: false)
        #expect(first[0].id != second[0].id)
        #expect(try store.messagesWaitingForTextIndex() == 2)
        #expect(try store.indexPendingText().indexed == 2)
        let found = try store.search(SearchQuery(words: "rentrée", limit: 100)).map(\.id)
        #expect(found.sorted() == [first[0].id, second[0].id].sorted())
    }

    /// Ids given twice, and ids the archive does not have: more than one lookup statement takes (`lookupChunk`).
    @Test func manyIdsTwiceAndUnknownAreEachAnswered() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let receipts = try ArchiveStore(directory: root.path, options: options).archive(
            (1...5).map { SampleMail.incoming($0) })
        let store = try ArchiveStore(directory: root.path, mode: .readOnly)
        let known = receipts.map(\.id)
        let ids = known + known + (1_000...2_999).map(Int64.init)
        let results = store.messages(ids)
        #expect(results.count == ids.count)
        for (id, result) in zip(ids.prefix(10), results) {
            #expect(try result.get() == SampleMail.message(Int(id)))
        }
        #expect(results.dropFirst(10).allSatisfy { if case .failure = $0 { true } else { false } })
    }
}
