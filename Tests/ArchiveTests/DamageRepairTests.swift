import Archive
import Foundation
import TestSupport
import Testing

/// A damaged message is repaired by importing its original again, and an export writes every intact message.
@Suite struct DamageRepairTests {
    private let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    /// Archives `count` sample messages and flips one byte near the end of the segment (the last block).
    private func damagedArchive(_ root: TemporaryFolder, count: Int = 30) throws -> (
        receipts: [ArchiveReceipt], damaged: [Int64]
    ) {
        let receipts = try ArchiveStore(directory: root.path, options: small).archive(
            (1...count).map { SampleMail.incoming($0) })
        let segment = root.path + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count - 100] ^= 0x01
        _ = FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let damaged = try ArchiveStore(directory: root.path, mode: .readOnly).verify().damagedMessageIDs
        return (receipts, damaged)
    }

    @Test func importingTheOriginalAgainRepairsADamagedMessage() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let (receipts, damaged) = try damagedArchive(root)
        #expect(!damaged.isEmpty)

        let store = try ArchiveStore(directory: root.path, options: small)
        let again = try store.archive((1...30).map { SampleMail.incoming($0) })
        #expect(again.map(\.id) == receipts.map(\.id))
        #expect(again.allSatisfy { !$0.isNew })
        #expect(again.filter(\.repaired).map(\.id).sorted() == damaged)
        for receipt in receipts { #expect(try store.message(receipt.id) == SampleMail.message(Int(receipt.id))) }
        #expect(try store.verify().isClean)
        #expect(try store.stats().messages == 30)
        // The same content archived under another folder reads the repaired copy too.
        let other = try store.archive([SampleMail.incoming(Int(damaged[0]), folder: "Copies")])
        #expect(other[0].isNew && !other[0].repaired)
        #expect(try store.message(other[0].id) == SampleMail.message(Int(damaged[0])))
        // A reader opened afterwards sees it intact as well.
        #expect(try ArchiveStore(directory: root.path, mode: .readOnly).verify().isClean)
    }

    @Test func twoCopiesOfADamagedMessageInOneCallRepairItOnce() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let (_, damaged) = try damagedArchive(root)
        let store = try ArchiveStore(directory: root.path, options: small)
        let number = Int(damaged[0])
        // A copy for a new folder first, then two for the folder that already has the message.
        let again = try store.archive([
            SampleMail.incoming(number, folder: "Copies"), SampleMail.incoming(number), SampleMail.incoming(number),
        ])
        #expect(again.map(\.isNew) == [true, false, false])
        #expect(again[1].id == damaged[0] && again[2].id == damaged[0])
        #expect(again.allSatisfy { $0.repaired })
        #expect(try store.message(damaged[0]) == SampleMail.message(number))
        #expect(try store.message(again[0].id) == SampleMail.message(number))
    }

    @Test func exportWritesEveryIntactMessageAndNamesTheDamagedOnes() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let (receipts, damaged) = try damagedArchive(root)
        let store = try ArchiveStore(directory: root.path, mode: .readOnly)
        let ids = try store.messageIDsInStorageOrder()
        for format in ArchiveExporter.Format.allCases {
            let summary = try ArchiveExporter(store: store, format: format).run(
                ids, to: root.path + "/out-\(format.rawValue)")
            #expect(summary.written == receipts.count - damaged.count, "\(format)")
            #expect(summary.failures.map(\.id).sorted() == damaged)
            #expect(summary.failures.allSatisfy { $0.reason.contains("damaged") })
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: root.path + "/out-eml")
        #expect(Set(written) == Set(receipts.map(\.id).filter { !damaged.contains($0) }.map { "\($0).eml" }))
    }
}
