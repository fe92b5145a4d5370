import Archive
import Foundation
import GRDB
import TestSupport
import Testing

/// A catalogue.sqlite replaced by something else (random bytes, a text file, another program's database): every
/// command refuses with the cure, changes nothing, and a rebuild gives every message back.
@Suite struct CatalogueReplacedTests {
    private let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    enum Replacement: String, CaseIterable {
        case randomBytes, text, otherDatabase
    }

    private func replace(_ catalogue: String, with replacement: Replacement) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: catalogue + suffix) }
        switch replacement {
        case .randomBytes:
            _ = FileManager.default.createFile(
                atPath: catalogue, contents: Data((0..<100_000).map { _ in UInt8.random(in: 0...255) }))
        case .text:
            _ = FileManager.default.createFile(atPath: catalogue, contents: Data("not a database\n".utf8))
        case .otherDatabase:
            let queue = try DatabaseQueue(path: catalogue)
            try queue.write { try $0.execute(sql: "CREATE TABLE settings (name TEXT, value TEXT)") }
            try queue.close()
        }
    }

    @Test(arguments: Replacement.allCases)
    func aReplacedCatalogueIsRefusedUnchangedAndRebuilt(replacement: Replacement) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let directory = folder.path + "/archive"
        _ = try ArchiveStore(directory: directory, options: small).archive((1...40).map { SampleMail.incoming($0) })
        let catalogue = directory + "/catalogue.sqlite"
        try replace(catalogue, with: replacement)
        let replaced = FileManager.default.contents(atPath: catalogue)

        for mode in [ArchiveStore.Mode.readWrite, .readOnly] {
            do {
                let store = try ArchiveStore(directory: directory, mode: mode, options: small)
                _ = try store.search(SearchQuery(words: "rapport", limit: 100))
                Issue.record("\(mode) use of a catalogue replaced by \(replacement) did not fail")
            } catch {
                #expect(error.needsCatalogueRebuild, "\(error)")
                #expect(error.message.contains("mailsift archive rebuild-catalogue --archive \(directory)"), "\(error)")
            }
        }
        #expect(FileManager.default.contents(atPath: catalogue) == replaced, "the file in its place is unchanged")

        let summary = try ArchiveStore.rebuildCatalogue(directory: directory)
        #expect(summary.messages == 40 && summary.damaged.isEmpty)
        let reader = try ArchiveStore(directory: directory, mode: .readOnly)
        #expect(try reader.search(SearchQuery(words: "rapport", limit: 100)).count == 40)
        #expect(try reader.verify().isClean)
    }
}
