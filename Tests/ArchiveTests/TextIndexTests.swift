import Archive
import Foundation
import GRDB
import TestSupport
import Testing

/// Mail archived with its text left for later (`archive(_:indexingText: false)`, as an archive run and an import
/// store it): found by folder at once, by its words once `indexPendingText` or `settle` has indexed it, and never
/// indexed twice.
@Suite struct TextIndexTests {
    private let options = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    @Test func textLeftForLaterIsFoundByItsWordsOnceIndexedAndOnlyOnce() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let store = try ArchiveStore(directory: root.path, options: options)
        let receipts = try store.archive((1...40).map { SampleMail.incoming($0) }, indexingText: false)
        #expect(try store.messagesWaitingForTextIndex() == 40)
        #expect(try store.search(SearchQuery(words: "rentrée", limit: 100)).isEmpty)
        #expect(try store.search(SearchQuery(folder: "INBOX", limit: 100)).count == 40)

        let report = try store.indexPendingText()
        #expect(report.indexed == 40 && report.unreadable == 0 && report.left == 0)
        let found = try store.search(SearchQuery(words: "ete rentree", limit: 100)).map(\.id)
        #expect(found.sorted() == receipts.map(\.id).sorted())
        #expect(try store.search(SearchQuery(words: "hebdomadaire", subject: "17", limit: 100)).count == 1)
        #expect(try store.indexPendingText().indexed == 0)
        #expect(try store.search(SearchQuery(words: "rentrée", limit: 100)).count == 40, "each message indexed once")
        // Text indexed as it is written (the default) and text indexed later are found alike.
        _ = try store.archive((41...45).map { SampleMail.incoming($0) })
        #expect(try store.search(SearchQuery(words: "rentrée", limit: 100)).count == 45)
        #expect(try store.messagesWaitingForTextIndex() == 0)
    }

    /// `settle` indexes waiting text before it recompresses, within its time: the daemon's idle slices do both.
    @Test func settleIndexesWaitingTextFirst() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        var settling = options
        settling.settledLevel = 9
        let store = try ArchiveStore(directory: root.path, options: settling)
        _ = try store.archive((1...30).map { SampleMail.incoming($0) }, indexingText: false)
        let report = try store.settle()
        #expect(report.textIndex.indexed == 30 && report.textIndex.left == 0)
        #expect(report.blocksSettled > 0 && report.unsettledBlocksLeft == 0)
        #expect(try store.search(SearchQuery(words: "semaine", limit: 100)).count == 30)
        #expect(try store.verify().isClean)
    }

    /// A message whose stored copy is damaged cannot be read to be indexed: it stays waiting and is counted,
    /// the others are indexed, the run ends; once the original is imported again it is indexed.
    @Test func aDamagedMessageWaitsAndTheRestIsIndexed() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let receipts = try ArchiveStore(directory: root.path, options: options).archive(
            (1...30).map { SampleMail.incoming($0) }, indexingText: false)
        let segment = root.path + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count - 100] ^= 0x01
        _ = FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let damaged = try ArchiveStore(directory: root.path, mode: .readOnly).verify().damagedMessageIDs
        #expect(!damaged.isEmpty)

        let store = try ArchiveStore(directory: root.path, options: options)
        let report = try store.indexPendingText()
        #expect(report.indexed == 30 - damaged.count && report.unreadable == damaged.count)
        #expect(report.left == damaged.count)
        _ = try store.archive((1...30).map { SampleMail.incoming($0) })
        #expect(try store.indexPendingText().indexed == damaged.count)
        let found = try store.search(SearchQuery(words: "rentrée", limit: 100)).map(\.id)
        #expect(found.sorted() == receipts.map(\.id).sorted())
    }

    /// Damaged messages ahead of the others on the waiting list, more than one batch of them: `settle` with a time
    /// too short for more than one batch (a daemon's slice on a slow disk) still indexes the rest within a few
    /// slices, and ends, instead of reading the same damaged batch again at each slice for ever.
    @Test func settleSlicesGetPastDamagedMessagesAndEnd() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        // Written at the settled level: nothing to recompress, settle's time is the text index's alone.
        let flat = ArchiveOptions(blockSize: 1 << 20, compressionLevel: 3, settledLevel: 3)
        let segment = root.path + "/segments/000001.seg"
        let damagedEnd: Int
        let later: [Int64]
        do {
            let store = try ArchiveStore(directory: root.path, options: flat)
            _ = try store.archive((1...520).map { SampleMail.incoming($0) }, indexingText: false)
            damagedEnd = (try FileManager.default.attributesOfItem(atPath: segment)[.size] as? Int) ?? 0
            later = try store.archive((521...540).map { SampleMail.incoming($0) }, indexingText: false).map(\.id)
        }
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        for offset in stride(from: 100, to: damagedEnd - 20, by: 400) { bytes[offset] ^= 0x55 }
        _ = FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let damaged = try ArchiveStore(directory: root.path, mode: .readOnly).verify().damagedMessageIDs
        #expect(damaged.count == 520)

        let store = try ArchiveStore(directory: root.path, options: flat)
        var slices = 0
        var report = try store.settle(maxSeconds: 0.000_001)
        slices += 1
        while report.stoppedAtLimit && slices < 10 {
            report = try store.settle(maxSeconds: 0.000_001)
            slices += 1
        }
        #expect(!report.stoppedAtLimit, "settle ends once only damaged messages wait")
        #expect(slices <= 3)
        let found = try store.search(SearchQuery(words: "rentrée", limit: 1000)).map(\.id)
        #expect(found.sorted() == later.sorted())
        #expect(try store.messagesWaitingForTextIndex() == 520)
        // A run without a limit (an import's end) tries them again: still damaged, still waiting, counted once.
        let retry = try store.indexPendingText()
        #expect(retry.indexed == 0 && retry.unreadable == 520 && retry.left == 520)
    }

    /// An import whose text index fails at its end (the index damaged here; a full disk alike) has still imported
    /// every message, and says why their text waits.
    @Test func anImportWhoseTextCannotBeIndexedKeepsItsMailAndSaysWhy() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let source = root.path + "/in"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for number in 1...5 {
            let path = source + "/\(number).eml"
            FileManager.default.createFile(atPath: path, contents: Data(SampleMail.message(number)))
        }
        let archive = root.path + "/archive"
        _ = try ArchiveStore(directory: archive, options: options)
        let catalogue = try DatabaseQueue(path: archive + "/catalogue.sqlite")
        try catalogue.write { db in try db.execute(sql: "DROP TABLE message_text") }
        try catalogue.close()

        let store = try ArchiveStore(directory: archive, options: options)
        let summary = try ArchiveImporter(store: store, account: "local").run([source])
        #expect(summary.progress.messagesAdded == 5 && summary.failures.isEmpty)
        #expect(summary.textIndex == nil)
        #expect(summary.textIndexProblem?.contains("message_text") == true, "\(summary.textIndexProblem ?? "nil")")
        #expect(try store.stats().messages == 5 && store.messagesWaitingForTextIndex() == 5)
    }
}
