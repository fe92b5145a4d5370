import Archive
import Foundation
import TestSupport
import Testing

/// Segment files that no longer match the catalogue (one deleted, cut short, or swapped with another): the writer
/// refuses to open, changes nothing, and says what to do; a rebuild then lets it write again.
@Suite struct SegmentAgreementTests {
    /// Small segments, so that 120 messages fill several.
    private let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3, segmentSize: 4096)

    enum Damage: String, CaseIterable {
        case lastDeleted, middleDeleted, lastCutShort, firstTwoSwapped
    }

    private func makeStore(_ folder: TemporaryFolder) throws -> (directory: String, segments: [String]) {
        let directory = folder.path + "/archive"
        for start in stride(from: 1, through: 120, by: 20) {
            _ = try ArchiveStore(directory: directory, options: small).archive(
                (start..<(start + 20)).map { SampleMail.incoming($0) })
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/segments").sorted()
        return (directory, names.map { directory + "/segments/" + $0 })
    }

    private func damage(_ damage: Damage, _ segments: [String]) throws {
        let manager = FileManager.default
        switch damage {
        case .lastDeleted: try manager.removeItem(atPath: segments.last!)
        case .middleDeleted: try manager.removeItem(atPath: segments[segments.count / 2])
        case .lastCutShort:
            let bytes = try #require(manager.contents(atPath: segments.last!))
            _ = manager.createFile(atPath: segments.last!, contents: bytes.prefix(bytes.count - 100))
        case .firstTwoSwapped:
            try manager.moveItem(atPath: segments[0], toPath: segments[0] + ".swap")
            try manager.moveItem(atPath: segments[1], toPath: segments[0])
            try manager.moveItem(atPath: segments[0] + ".swap", toPath: segments[1])
        }
    }

    private func contents(_ paths: [String]) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in paths { files[path] = FileManager.default.contents(atPath: path) }
        return files
    }

    @Test(arguments: Damage.allCases)
    func aWriterRefusesSegmentsThatDisagreeWithTheCatalogue(damage: Damage) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (directory, segments) = try makeStore(folder)
        try #require(segments.count >= 3)
        try self.damage(damage, segments)
        let before = contents(segments)

        do {
            _ = try ArchiveStore(directory: directory, options: small)
            Issue.record("the store opened for writing with its segments \(damage)")
        } catch {
            #expect(error.needsCatalogueRebuild, "\(error)")
            #expect(error.message.contains("Nothing was changed"), "\(error)")
            #expect(error.message.contains("mailsift archive rebuild-catalogue --archive \(directory)"), "\(error)")
            switch damage {
            case .lastDeleted:
                #expect(error.message.contains("\(segments.last!) is missing"), "\(error)")
            case .middleDeleted:
                #expect(error.message.contains("\(segments[segments.count / 2]) is missing"), "\(error)")
            case .lastCutShort:
                #expect(error.message.contains("\(segments.last!) is "), "\(error)")
                #expect(error.message.contains("bytes long"), "\(error)")
            case .firstTwoSwapped:
                #expect(error.message.contains(segments[0]), "\(error)")
            }
        }
        #expect(contents(segments) == before, "no segment byte changed")

        // Rebuilt from the segments as they are, the store takes writes again; swapped segments lose nothing.
        let summary = try ArchiveStore.rebuildCatalogue(directory: directory)
        if damage == .firstTwoSwapped { #expect(summary.messages == 120 && summary.oldMessagesNotFound == 0) }
        if damage == .lastDeleted || damage == .middleDeleted { #expect(summary.oldMessagesNotFound > 0) }
        let writer = try ArchiveStore(directory: directory, options: small)
        let receipts = try writer.archive((121...160).map { SampleMail.incoming($0) })
        #expect(receipts.allSatisfy { $0.isNew })
        #expect(try writer.verify().isClean)
        for receipt in receipts { #expect(try writer.message(receipt.id).count > 0) }
    }
}
