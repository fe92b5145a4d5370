import Archive
import Foundation
import TestSupport
import Testing

/// The modes of an archive's and an export's files under a permissive umask: an archive is private mail.
@Suite(.serialized) struct FileModesTests {
    private let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    private func mode(_ path: String) -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else { return -1 }
        return Int(info.st_mode & 0o7777)
    }

    /// Runs `body` with the process's umask set to `mask` (0 lets every mode bit through).
    private func withUmask<T>(_ mask: mode_t, _ body: () throws -> T) rethrows -> T {
        let saved = umask(mask)
        defer { umask(saved) }
        return try body()
    }

    @Test(arguments: [false, true])
    func anArchiveAndItsExportsGetTheirModesWhateverTheUmask(groupReadable: Bool) throws {
        let (file, folder) = groupReadable ? (0o640, 0o750) : (0o600, 0o700)
        let root = TemporaryFolder()
        defer { root.remove() }
        var options = small
        options.groupReadable = groupReadable
        let archive = root.path + "/var/archive/prof"
        try withUmask(0) {
            let store = try ArchiveStore(directory: archive, options: options)
            let receipts = try store.archive(
                (1...20).map { SampleMail.incoming($0, folder: $0 % 2 == 0 ? "INBOX" : "Classes/CM2") })
            // While the writer is open the write-ahead log and its index exist; both hold message text.
            for name in [
                "catalogue.sqlite", "catalogue.sqlite-wal", "catalogue.sqlite-shm", "lock", "segments/000001.seg",
            ] {
                #expect(mode(archive + "/" + name) == file, "\(name)")
            }
            for path in [root.path + "/var", root.path + "/var/archive", archive, archive + "/segments"] {
                #expect(mode(path) == folder, "\(path)")
            }
            let ids = receipts.map(\.id)
            for format in ArchiveExporter.Format.allCases {
                var exporter = ArchiveExporter(store: store, format: format)
                exporter.groupReadable = groupReadable
                let destination = root.path + "/out/\(format.rawValue)"
                #expect(try exporter.run(ids, to: destination).written == 20)
                #expect(mode(root.path + "/out") == folder)
                let walker = FileManager.default.enumerator(atPath: destination)!
                var checked = 0
                for case let relative as String in walker {
                    var isFolder: ObjCBool = false
                    _ = FileManager.default.fileExists(atPath: destination + "/" + relative, isDirectory: &isFolder)
                    #expect(
                        mode(destination + "/" + relative) == (isFolder.boolValue ? folder : file),
                        "\(format) \(relative)")
                    checked += 1
                }
                #expect(mode(destination) == (format == .mbox ? file : folder))
                #expect(format == .mbox || checked >= 20)
            }
        }
    }

    @Test func anOlderArchivesCatalogueIsMadePrivateWhenItIsOpenedForWriting() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        _ = try ArchiveStore(directory: root.path, options: small).archive([SampleMail.incoming(1)])
        chmod(root.path + "/catalogue.sqlite", 0o644)
        chmod(root.path + "/lock", 0o644)
        _ = try withUmask(0o022) { try ArchiveStore(directory: root.path, options: small) }
        #expect(mode(root.path + "/catalogue.sqlite") == 0o600)
        #expect(mode(root.path + "/lock") == 0o600)
    }

    @Test func aRebuiltCatalogueIsPrivateToo() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        _ = try ArchiveStore(directory: root.path, options: small).archive([SampleMail.incoming(1)])
        unlink(root.path + "/catalogue.sqlite")
        _ = try withUmask(0) { try ArchiveStore.rebuildCatalogue(directory: root.path, options: small) }
        #expect(mode(root.path + "/catalogue.sqlite") == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
            $0.hasPrefix("catalogue")
        }
        for name in leftovers { #expect(mode(root.path + "/" + name) == 0o600, "\(name)") }
    }
}
