import Archive
import Foundation
import TestSupport
import Testing

@Suite struct ArchiveStoreTests {
    private let small = ArchiveOptions(blockSize: 4096, compressionLevel: 3)

    @Test func archivedMessagesComeBackByteForByteAfterReopening() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let incoming = (1...40).map { SampleMail.incoming($0) }
        let directory = folder.path + "/var/lib/mailsift/archive/prof"  // parents created as needed
        let receipts = try ArchiveStore(directory: directory, options: small).archive(incoming)
        #expect(receipts.count == 40 && receipts.allSatisfy(\.isNew))
        let reader = try ArchiveStore(directory: directory, mode: .readOnly)
        for (receipt, message) in zip(receipts, incoming) {
            #expect(try reader.message(receipt.id) == message.bytes)
        }
        #expect(try reader.verify().isClean)
        #expect(try reader.stats().messages == 40)
    }

    @Test func identicalContentIsStoredOnceAndTheSameMessageIsNotAddedTwice() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path, options: small)
        let first = try store.archive([SampleMail.incoming(1), SampleMail.incoming(1)])
        #expect(first.map(\.isNew) == [true, false])
        #expect(first[0].id == first[1].id)
        let again = try store.archive([SampleMail.incoming(1)])
        #expect(again[0].isNew == false && again[0].id == first[0].id)
        let otherFolder = try store.archive([SampleMail.incoming(1, folder: "Archives/2025")])
        #expect(otherFolder[0].isNew && otherFolder[0].id != first[0].id)
        let stats = try store.stats()
        #expect(stats.messages == 2)
        #expect(stats.distinctMessages == 1)
    }

    @Test func searchFindsWordsWithoutAccentsPhrasesAndAppliesFilters() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path, options: small)
        _ = try store.archive([
            SampleMail.incoming(1),
            IncomingMessage(
                bytes: SampleMail.message(2, subject: "Réunion pédagogique", body: "Ordre du jour : évaluations."),
                origin: ArchiveOrigin(account: "prof", folder: "Réunions")),
        ])
        #expect(try store.search(SearchQuery(words: "ete rentree")).map(\.subject) == ["Rapport hebdomadaire n°1"])
        #expect(try store.search(SearchQuery(words: "evaluations")).count == 1)
        #expect(try store.search(SearchQuery(words: "REUNION")).count == 1)
        #expect(try store.search(SearchQuery(words: "pédago*")).count == 1)
        #expect(try store.search(SearchQuery(subject: "rapport")).count == 1)
        #expect(try store.search(SearchQuery(from: "informatique2@ecoles.example.fr")).count == 1)
        #expect(try store.search(SearchQuery(words: "", folder: "Réunions")).count == 1)
        #expect(try store.search(SearchQuery(words: "\"unbalanced AND OR (")).isEmpty)
        // Message 1 is dated 2 September 2025, message 2 the 3rd (SampleMail); 1_756_684_800 is 1 September, 00:00 UTC.
        let september3 = try store.search(
            SearchQuery(after: 1_756_684_800 + 2 * 86_400, before: 1_756_684_800 + 3 * 86_400))
        #expect(september3.map(\.subject) == ["Réunion pédagogique"])
        // Phrases, why the index keeps word positions (FTS5 `detail=full`, docs/architecture.md "What the size
        // target counts"): an address is a phrase of words, and a quoted sentence matches only in its order.
        #expect(try store.search(SearchQuery(words: "informatique2@ecoles.example.fr")).count == 1)
        #expect(try store.search(SearchQuery(words: "ecoles.example.informatique2")).isEmpty)
        #expect(try store.search(SearchQuery(words: "\"ordre du jour\"")).map(\.subject) == ["Réunion pédagogique"])
        #expect(try store.search(SearchQuery(words: "\"jour du ordre\"")).isEmpty)
        #expect(try store.search(SearchQuery(words: "jour ordre")).count == 1)
    }

    @Test func aFlippedByteIsNamedByVerifyAndShowRefusesTheMessage() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let receipts = try ArchiveStore(directory: folder.path, options: small).archive(
            (1...30).map { SampleMail.incoming($0) })
        let segment = folder.path + "/segments/000001.seg"
        var bytes = [UInt8](FileManager.default.contents(atPath: segment)!)
        bytes[bytes.count - 100] ^= 0x01
        FileManager.default.createFile(atPath: segment, contents: Data(bytes))

        let reader = try ArchiveStore(directory: folder.path, mode: .readOnly)
        let report = try reader.verify()
        #expect(!report.isClean)
        let damaged = report.damagedMessageIDs
        #expect(!damaged.isEmpty && damaged.contains(receipts.last!.id))
        for receipt in receipts {
            if damaged.contains(receipt.id) {
                #expect(throws: ArchiveError.self) { try reader.message(receipt.id) }
                do { _ = try reader.message(receipt.id) } catch {
                    #expect(error.isDamage && error.message.contains("message \(receipt.id)"))
                }
            } else {
                #expect(try reader.message(receipt.id) == SampleMail.message(Int(receipt.id)))
            }
        }
    }

    @Test func anUnrecordedTailIsCutOffWhenTheWriterReopens() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try ArchiveStore(directory: folder.path, options: small).archive((1...5).map { SampleMail.incoming($0) })
        let segment = folder.path + "/segments/000001.seg"
        let goodSize = try FileManager.default.attributesOfItem(atPath: segment)[.size] as! Int
        let handle = FileHandle(forWritingAtPath: segment)!
        handle.seekToEndOfFile()
        handle.write(Data("MSAB torn half-written block".utf8))
        try handle.close()

        let store = try ArchiveStore(directory: folder.path, options: small)
        #expect(try FileManager.default.attributesOfItem(atPath: segment)[.size] as! Int == goodSize)
        let more = try store.archive((6...8).map { SampleMail.incoming($0) })
        #expect(try store.message(more[2].id) == SampleMail.message(8))
        #expect(try store.verify().isClean)
    }

    @Test func aSecondWriterIsTurnedAwayButReadersAreNot() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let writer = try ArchiveStore(directory: folder.path, options: small)
        _ = try writer.archive([SampleMail.incoming(1)])
        do {
            _ = try ArchiveStore(directory: folder.path)
            Issue.record("a second writer opened the store")
        } catch {
            #expect(error.isInUse)
        }
        #expect(try ArchiveStore(directory: folder.path, mode: .readOnly).stats().messages == 1)
    }

    @Test func missingStoresAndMessagesAreClearErrors() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: ArchiveError.self) { try ArchiveStore(directory: folder.path + "/nothing", mode: .readOnly) }
        let store = try ArchiveStore(directory: folder.path, options: small)
        do {
            _ = try store.message(999)
            Issue.record("a missing message was returned")
        } catch {
            #expect(error.isNotFound)
        }
    }

    @Test func aMessageOverTheSizeLimitIsRefusedAndNothingIsStored() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var options = small
        options.maxMessageBytes = 1000
        let store = try ArchiveStore(directory: folder.path, options: options)
        let big = IncomingMessage(
            bytes: Array(repeating: 65, count: 1001), origin: ArchiveOrigin(account: "a", folder: "INBOX"))
        #expect(throws: ArchiveError.self) { try store.archive([SampleMail.incoming(1), big]) }
        #expect(try store.stats().messages == 0)
    }
}
