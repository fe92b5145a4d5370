import Archive
import Foundation
import TestSupport
import Testing

/// `ArchiveStore.messages(_:)` gives what `message(_:)` gives for each id — the bytes, or the error that names a
/// damaged message — reading each block once.
@Suite struct ReadManyTests {
    @Test func severalMessagesReadAtOnceAreEachMessageOrItsError() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3)
        let receipts = try ArchiveStore(directory: root.path, options: small).archive(
            (1...30).map { SampleMail.incoming($0) })
        let store = try ArchiveStore(directory: root.path, mode: .readOnly)
        let ids = try store.messageIDsInStorageOrder()
        #expect(Set(ids) == Set(receipts.map(\.id)))
        for (id, result) in zip(ids, store.messages(ids)) {
            #expect(try result.get() == SampleMail.message(Int(id)))
        }

        // The last block damaged: its messages are errors naming them, the others still read.
        let segment = root.path + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count - 100] ^= 0x01
        _ = FileManager.default.createFile(atPath: segment, contents: Data(bytes))
        let reopened = try ArchiveStore(directory: root.path, mode: .readOnly)
        let damaged = Set(try ArchiveStore(directory: root.path, mode: .readOnly).verify().damagedMessageIDs)
        #expect(!damaged.isEmpty && damaged.count < ids.count)
        for (id, result) in zip(ids, reopened.messages(ids)) {
            switch result {
            case .success(let bytes):
                #expect(!damaged.contains(id) && bytes == SampleMail.message(Int(id)))
            case .failure(let error):
                #expect(damaged.contains(id) && error.message.contains("message \(id) is damaged"))
            }
        }
    }
}
