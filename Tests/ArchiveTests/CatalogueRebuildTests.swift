import Archive
import Foundation
import TestSupport
import Testing

/// A catalogue that is missing, emptied or older than the segments: the writer refuses to open (nothing is
/// cut), verify names the problem, and `rebuildCatalogue` gives every message and search hit back.
@Suite struct CatalogueRebuildTests {
    private let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    enum Loss: String, CaseIterable {
        case deleted, emptied, rolledBack
    }

    /// A store of 500 messages archived in calls of 50 (the 451st alone), and a copy of its catalogue as it was
    /// after 451 messages.
    private func makeStore(_ folder: TemporaryFolder) throws -> (directory: String, olderCatalogue: String) {
        let directory = folder.path + "/archive"
        let older = folder.path + "/catalogue-after-451.sqlite"
        for range in [
            1...50, 51...100, 101...150, 151...200, 201...250, 251...300, 301...350, 351...400, 401...450, 451...451,
        ] {
            _ = try ArchiveStore(directory: directory, options: small).archive(range.map { SampleMail.incoming($0) })
        }
        // The store is closed (its log folded in), so the file alone is the whole catalogue.
        try FileManager.default.copyItem(atPath: directory + "/catalogue.sqlite", toPath: older)
        let store = try ArchiveStore(directory: directory, options: small)
        for start in stride(from: 452, through: 500, by: 25) {
            _ = try store.archive((start...min(start + 24, 500)).map { SampleMail.incoming($0) })
        }
        return (directory, older)
    }

    /// Every segment file's bytes, by name.
    private func segmentBytes(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory + "/segments") {
            files[name] = FileManager.default.contents(atPath: directory + "/segments/" + name)
        }
        return files
    }

    /// Searches whose hit counts must survive a rebuild: every message, a sender (one in seven: 72), accents folded,
    /// a phrase, a subject word.
    private let queries = [
        SearchQuery(words: "rapport", limit: 1000), SearchQuery(from: "informatique3", limit: 1000),
        SearchQuery(words: "ete rentree", limit: 1000), SearchQuery(words: "\"semaine 42\"", limit: 1000),
        SearchQuery(subject: "n°317", limit: 1000),
    ]

    private func everything(_ store: ArchiveStore) throws -> (messages: Set<[UInt8]>, hits: [Int]) {
        let ids = try store.messageIDsInStorageOrder()
        return (Set(try ids.map { try store.message($0) }), try queries.map { try store.search($0).count })
    }

    private func lose(_ loss: Loss, of directory: String, older: String) throws {
        let catalogue = directory + "/catalogue.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: catalogue + suffix) }
        switch loss {
        case .deleted: break
        case .emptied: _ = FileManager.default.createFile(atPath: catalogue, contents: Data())
        case .rolledBack: try FileManager.default.copyItem(atPath: older, toPath: catalogue)
        }
    }

    @Test(arguments: Loss.allCases)
    func aLostCatalogueCutsNothingAndARebuildGivesEveryMessageAndHitBack(loss: Loss) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (directory, older) = try makeStore(folder)
        let before = try everything(try ArchiveStore(directory: directory, mode: .readOnly))
        #expect(before.messages.count == 500)
        #expect(before.messages == Set((1...500).map { SampleMail.message($0) }))
        #expect(before.hits == [500, 72, 500, 1, 1])
        let segmentsBefore = try segmentBytes(directory)
        try lose(loss, of: directory, older: older)

        // Opening to write (as an import does) refuses, names the place and the cure, and changes no segment byte.
        do {
            _ = try ArchiveStore(directory: directory, options: small)
            Issue.record("the store opened for writing over a \(loss) catalogue")
        } catch {
            #expect(error.needsCatalogueRebuild, "\(error)")
            #expect(error.message.contains("segments/000001.seg at offset "), "\(error)")
            #expect(error.message.contains("mailsift archive rebuild-catalogue --archive \(directory)"), "\(error)")
            let state = ["deleted": "is missing", "emptied": "is empty", "rolledBack": "does not record them"][
                loss.rawValue]!
            #expect(error.message.contains("catalogue.sqlite " + state), "\(error)")
            if loss == .rolledBack { #expect(error.message.contains("(49 messages)"), "\(error)") }
        }
        #expect(try segmentBytes(directory) == segmentsBefore)
        #expect(FileManager.default.fileExists(atPath: directory + "/catalogue.sqlite") == (loss != .deleted))

        // Verify never says all is well.
        switch loss {
        case .deleted, .emptied:
            do {
                _ = try ArchiveStore(directory: directory, mode: .readOnly).verify()
                Issue.record("verify ran on a \(loss) catalogue")
            } catch {
                #expect(error.needsCatalogueRebuild && error.message.contains("rebuild-catalogue"), "\(error)")
            }
        case .rolledBack:
            let report = try ArchiveStore(directory: directory, mode: .readOnly).verify()
            #expect(!report.isClean && report.problems.isEmpty)
            #expect(report.messagesChecked == 451 && report.uncataloguedMessages == 49)
            #expect(report.uncatalogued.first?.place.contains("000001.seg offset ") == true)
        }

        let summary = try ArchiveStore.rebuildCatalogue(directory: directory)
        #expect(summary.messages == 500 && summary.distinctContents == 500 && summary.damaged.isEmpty)
        #expect(summary.messagesWithDetails == (loss == .rolledBack ? 451 : 0))
        #expect(summary.messagesRecovered == (loss == .rolledBack ? 49 : 500))
        #expect((summary.backupPath != nil) == (loss != .deleted))
        if let backup = summary.backupPath { #expect(backup.hasPrefix(directory + "/catalogue.sqlite.bak-")) }
        #expect(!FileManager.default.fileExists(atPath: directory + "/catalogue.sqlite.rebuilding"))

        let reader = try ArchiveStore(directory: directory, mode: .readOnly)
        #expect(try reader.verify().isClean)
        let after = try everything(reader)
        #expect(after.messages == before.messages)
        #expect(after.hits == before.hits)
        if loss == .rolledBack {
            // What the older catalogue knew keeps its folder; the 49 newer messages could only be recovered.
            #expect(try reader.search(SearchQuery(folder: "INBOX", limit: 1000)).count == 451)
            #expect(try reader.search(SearchQuery(folder: "Recovered", limit: 1000)).count == 49)
        }

        // The writer opens again, cuts nothing, and archives on.
        let writer = try ArchiveStore(directory: directory, options: small)
        #expect(try segmentBytes(directory) == segmentsBefore)
        let more = try writer.archive([SampleMail.incoming(501)])
        #expect(more[0].isNew)
        #expect(try writer.message(more[0].id) == SampleMail.message(501))
        #expect(try writer.verify().isClean)
    }

    @Test func aTornLastBlockIsStillCutWhenTheWriterReopens() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let directory = folder.path + "/archive"
        _ = try ArchiveStore(directory: directory, options: small).archive((1...30).map { SampleMail.incoming($0) })
        let segment = directory + "/segments/000001.seg"
        let good = try #require(FileManager.default.contents(atPath: segment))
        // A copy of the store's first block, cut short (as by a crash in mid-write), then one whose header is
        // whole but whose payload never reached the disk (zeros).
        let firstBlock = try firstBlockBytes(good)
        for torn in [
            Data(firstBlock.prefix(firstBlock.count * 2 / 3)),
            Data(firstBlock.prefix(32)) + Data(count: firstBlock.count - 32),
        ] {
            _ = FileManager.default.createFile(atPath: segment, contents: good + torn)
            // Torn bytes are no problem for verify: no mail is in them, and the next writer cuts them.
            #expect(try ArchiveStore(directory: directory, mode: .readOnly).verify().isClean)
            let store = try ArchiveStore(directory: directory, options: small)
            #expect(FileManager.default.contents(atPath: segment) == good)
            #expect(try store.verify().isClean)
        }
        // The same block whole is archived mail the catalogue does not know: refused, not cut.
        _ = FileManager.default.createFile(atPath: segment, contents: good + firstBlock)
        #expect(throws: ArchiveError.self) { try ArchiveStore(directory: directory, options: small) }
        #expect(FileManager.default.contents(atPath: segment) == good + firstBlock)
    }

    /// The first block of a segment file: its 16-byte file header, then a 32-byte block header whose payload
    /// length is the u32 at byte 20.
    private func firstBlockBytes(_ segment: Data) throws -> Data {
        let bytes = [UInt8](segment)
        let payload = (0..<4).reduce(0) { $0 | Int(bytes[16 + 20 + $1]) << (8 * $1) }
        try #require(bytes.count >= 16 + 32 + payload)
        return Data(bytes[16..<(16 + 32 + payload)])
    }
}
