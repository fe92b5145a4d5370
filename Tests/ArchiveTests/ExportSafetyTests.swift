import Archive
import Foundation
import TestSupport
import Testing

/// An export never overwrites and never follows a link, whatever is waiting at its destination.
@Suite struct ExportSafetyTests {
    private func store(_ root: TemporaryFolder) throws -> (ArchiveStore, [Int64]) {
        let store = try ArchiveStore(
            directory: root.path + "/archive", options: ArchiveOptions(blockSize: 4096, compressionLevel: 3))
        return (store, try store.archive((1...5).map { SampleMail.incoming($0) }).map(\.id))
    }

    private func refusal(_ body: () throws -> Void) -> ArchiveError? {
        do { try body() } catch { return error as? ArchiveError }
        return nil
    }

    @Test func anMboxExportOntoADanglingLinkIsRefusedAndTheLinkNotFollowed() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let (store, ids) = try store(root)
        let victim = root.path + "/victim"  // does not exist: the link dangles
        try FileManager.default.createSymbolicLink(atPath: root.path + "/out.mbox", withDestinationPath: victim)
        let error = refusal {
            _ = try ArchiveExporter(store: store, format: .mbox).run(ids, to: root.path + "/out.mbox")
        }
        #expect(error?.message.contains("already exists") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: victim))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root.path + "/out.mbox") == victim)
    }

    @Test func anMboxExportOntoALinkToAFileLeavesTheFileAlone() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let (store, ids) = try store(root)
        root.write("precious", Array("keep me".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/out.mbox", withDestinationPath: root.path + "/precious")
        #expect(
            refusal { _ = try ArchiveExporter(store: store, format: .mbox).run(ids, to: root.path + "/out.mbox") }
                != nil)
        #expect(FileManager.default.contents(atPath: root.path + "/precious") == Data("keep me".utf8))
    }

    @Test(arguments: [ArchiveExporter.Format.eml, .maildir])
    func aFolderExportIntoALinkToAnEmptyFolderOrOntoAFileIsRefused(format: ArchiveExporter.Format) throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let (store, ids) = try store(root)
        try FileManager.default.createDirectory(atPath: root.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root.path + "/out", withDestinationPath: root.path + "/elsewhere")
        let error = refusal { _ = try ArchiveExporter(store: store, format: format).run(ids, to: root.path + "/out") }
        #expect(error?.message.contains("not a folder") == true, "\(String(describing: error))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/elsewhere").isEmpty)
        root.write("file", Array("keep me".utf8))
        #expect(
            refusal { _ = try ArchiveExporter(store: store, format: format).run(ids, to: root.path + "/file") } != nil)
        #expect(FileManager.default.contents(atPath: root.path + "/file") == Data("keep me".utf8))
        // An existing empty folder is accepted, as documented.
        try FileManager.default.createDirectory(atPath: root.path + "/empty", withIntermediateDirectories: true)
        #expect(try ArchiveExporter(store: store, format: format).run(ids, to: root.path + "/empty").written == 5)
    }
}
