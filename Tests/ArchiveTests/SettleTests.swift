import Foundation
import TestSupport
import Testing

@testable import Archive

/// Settling recompresses fast-written blocks at the settled level: smaller, every message intact, nothing lost
/// when a run stops half-way, readers unaffected.
@Suite struct SettleTests {
    /// Level 1 on write, 19 on settle; small blocks so that forty messages make some fifteen blocks.
    private let fast = ArchiveOptions(blockSize: 4096, compressionLevel: 1)

    /// Forty messages archived in four calls (four commits), with their receipts in order.
    private func fastArchive(_ directory: String, count: Int = 40) throws -> [(id: Int64, bytes: [UInt8])] {
        let store = try ArchiveStore(directory: directory, options: fast)
        var archived: [(id: Int64, bytes: [UInt8])] = []
        for batch in stride(from: 1, through: count, by: 10) {
            let incoming = (batch..<min(batch + 10, count + 1)).map { SampleMail.incoming($0) }
            for (receipt, message) in zip(try store.archive(incoming), incoming) {
                archived.append((receipt.id, message.bytes))
            }
        }
        return archived
    }

    private func segmentFiles(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/segments")) ?? []).sorted()
    }

    @Test func settlingShrinksTheStoreAndKeepsEveryMessageAndTheExportOrder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let archived = try fastArchive(folder.path)
        let before = try ArchiveStore(directory: folder.path, mode: .readOnly)
        let statsBefore = try before.stats()
        let order = try before.messageIDsInStorageOrder()
        #expect(statsBefore.unsettledBlocks > 3 && statsBefore.unsettledBytes == statsBefore.segmentBytes - 16)

        let store = try ArchiveStore(directory: folder.path, options: fast)
        let report = try store.settle()
        #expect(report.blocksSettled == statsBefore.unsettledBlocks && report.blocksCopied == 0)
        #expect(report.bytesAfter < report.bytesBefore && report.unsettledBlocksLeft == 0 && !report.stoppedAtLimit)
        // The first segment was emptied and removed; the settled blocks are in the second.
        #expect(report.segmentsRemoved == 1 && segmentFiles(folder.path) == ["000002.seg"])

        let reader = try ArchiveStore(directory: folder.path, mode: .readOnly)
        let statsAfter = try reader.stats()
        #expect(statsAfter.unsettledBlocks == 0 && statsAfter.unsettledBytes == 0)
        #expect(statsAfter.segmentBytes < statsBefore.segmentBytes && statsAfter.messages == 40)
        for message in archived { #expect(try reader.message(message.id) == message.bytes) }
        #expect(try reader.verify().isClean)
        #expect(try reader.messageIDsInStorageOrder() == order)

        // Writing goes on after it (in the settled segment), and a second run has nothing to do.
        let more = try store.archive([SampleMail.incoming(41)])
        #expect(try store.message(more[0].id) == SampleMail.message(41))
        #expect(try store.settle().blocksSettled == 1)
        #expect(try store.settle().blocksMoved == 0)
        #expect(try ArchiveStore(directory: folder.path, mode: .readOnly).verify().isClean)
    }

    @Test func aRunStoppedAtItsLimitLeavesAWholeStoreAndTheNextOneFinishes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let archived = try fastArchive(folder.path)
        do {
            let store = try ArchiveStore(directory: folder.path, options: fast)
            let report = try store.settle(maxBlocks: 3)
            #expect(report.blocksSettled == 3 && report.stoppedAtLimit && report.unsettledBlocksLeft > 0)
            #expect(try store.stats().unsettledBlocks == report.unsettledBlocksLeft)
            // New mail goes to the newest segment, after the settled blocks.
            _ = try store.archive([SampleMail.incoming(41)])
        }
        let reader = try ArchiveStore(directory: folder.path, mode: .readOnly)
        for message in archived { #expect(try reader.message(message.id) == message.bytes) }
        #expect(try reader.verify().isClean)

        // A writer opens it as any store (segments agree with the catalogue), and the next run completes.
        let store = try ArchiveStore(directory: folder.path, options: fast)
        let report = try store.settle()
        #expect(report.unsettledBlocksLeft == 0 && !report.stoppedAtLimit)
        for message in archived { #expect(try reader.message(message.id) == message.bytes) }
        #expect(try reader.stats().messages == 41 && reader.stats().unsettledBytes == 0)
        #expect(try reader.verify().isClean)
    }

    @Test func aReaderThatLookedUpABlockBeforeItMovedReadsItWhereItIsNow() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let archived = try fastArchive(folder.path)
        let reader = try ArchiveStore(directory: folder.path, mode: .readOnly)
        // What a reader in another process had looked up just before settle moved the blocks and cut the old
        // copies: the read at the old place fails, the catalogue is asked again.
        let lookedUp = try archived.map { try reader.catalogue.location(of: $0.id) }
        let blocks = try reader.catalogue.allBlocks()
        _ = try reader.message(archived[0].id)  // its segment file held open, as a long-running reader would

        _ = try ArchiveStore(directory: folder.path, options: fast).settle()

        for (message, location) in zip(archived, lookedUp) {
            #expect(try reader.message(message.id, lookedUp: location) == message.bytes)
        }
        let report = try reader.verify(blocks: blocks)
        #expect(report.isClean && report.messagesChecked == 40)
    }

    @Test func blocksWrittenAtTheSettledLevelAreLeftAlone() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path, options: ArchiveOptions(blockSize: 4096))
        var high = ArchiveOptions(blockSize: 4096)
        high.compressionLevel = high.settledLevel
        let settledStore = try ArchiveStore(directory: folder.path + "/high", options: high)
        _ = try settledStore.archive((1...20).map { SampleMail.incoming($0) })
        #expect(try settledStore.stats().unsettledBlocks == 0)
        #expect(try settledStore.settle().blocksMoved == 0)
        // The default writes fast.
        _ = try store.archive((1...20).map { SampleMail.incoming($0) })
        #expect(try store.stats().unsettledBlocks > 0)
    }

    @Test func aDamagedBlockStaysWhereItIsAndEveryOtherMessageIsSettled() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let archived = try fastArchive(folder.path)
        let segment = folder.path + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count / 2] ^= 0x01
        _ = FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let damaged = try ArchiveStore(directory: folder.path, mode: .readOnly).verify().damagedMessageIDs
        #expect(!damaged.isEmpty)

        let report = try ArchiveStore(directory: folder.path, options: fast).settle()
        #expect(report.damaged.count == 1 && report.blocksSettled > 0 && report.unsettledBlocksLeft > 0)
        let reader = try ArchiveStore(directory: folder.path, mode: .readOnly)
        #expect(try reader.verify().damagedMessageIDs == damaged)
        for message in archived where !damaged.contains(message.id) {
            #expect(try reader.message(message.id) == message.bytes)
        }
    }
}
