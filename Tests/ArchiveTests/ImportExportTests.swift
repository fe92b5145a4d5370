import Archive
import Foundation
import MailboxFormats
import TestSupport
import Testing

@Suite struct ImportExportTests {
    private let options = ArchiveOptions(blockSize: 8192, compressionLevel: 3)

    /// A Maildir with a subfolder, an mbox, a gzip mbox and loose .eml files, all written here.
    private func writeSources(in folder: TemporaryFolder) throws -> [[UInt8]] {
        var all: [[UInt8]] = []
        for number in 1...6 {
            let message = SampleMail.message(number)
            folder.write("mail/Maildir/cur/17000000\(number).M1.host:2,S", message)
            all.append(message)
        }
        folder.write("mail/Maildir/.Classes.CM2/new/17000001.M1.host", SampleMail.message(7))
        all.append(SampleMail.message(7))
        let mboxMessages = (8...12).map { SampleMail.message($0, crlf: $0 == 9) }
        let mbox = mboxMessages.flatMap {
            MboxFormat.entry($0, sender: "x@example.org", date: "Mon Sep  1 08:10:00 2025")
        }
        folder.write("mail/old.mbox", mbox)
        all += mboxMessages
        let gzMessages = (13...15).map { SampleMail.message($0) }
        folder.write(
            "plain.mbox",
            gzMessages.flatMap { MboxFormat.entry($0, sender: "y@example.org", date: "Tue Sep  2 08:10:00 2025") })
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-9", folder.path + "/plain.mbox"]
        try gzip.run()
        gzip.waitUntilExit()
        try FileManager.default.moveItem(
            atPath: folder.path + "/plain.mbox.gz", toPath: folder.path + "/mail/2019.mbox.gz")
        all += gzMessages
        folder.write("mail/loose/a.eml", SampleMail.message(16))
        all.append(SampleMail.message(16))
        return all
    }

    @Test func everyKindOfSourceImportsOnceAndExportsByteForByte() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let originals = try writeSources(in: folder)
        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let importer = ArchiveImporter(store: store, account: "prof")
        let first = try importer.run([folder.path + "/mail"])
        #expect(first.failures.isEmpty)
        #expect(first.progress.messagesAdded == originals.count)
        let second = try importer.run([folder.path + "/mail"])
        #expect(second.progress.messagesAdded == 0)
        #expect(second.progress.messagesAlreadyPresent == originals.count)

        let folders = Set(try store.search(SearchQuery(limit: 100)).map(\.folder))
        #expect(folders == ["INBOX", "Classes/CM2", "old", "2019", "loose"])
        let seen = try store.search(SearchQuery(folder: "INBOX", limit: 100)).map { try store.hit($0.id).flags }
        #expect(seen.allSatisfy { $0 == ["\\Seen"] })

        let ids = try store.messageIDsInStorageOrder()
        for format in ArchiveExporter.Format.allCases {
            let destination = folder.path + "/export-\(format.rawValue)"
            let summary = try ArchiveExporter(store: store, format: format).run(ids, to: destination)
            #expect(summary.written == originals.count && summary.failures.isEmpty)
            let exported = try readBack(destination, format: format)
            #expect(
                exported.sorted { $0.lexicographicallyPrecedes($1) }
                    == originals.sorted { $0.lexicographicallyPrecedes($1) }, "\(format)")
        }
        #expect(throws: ArchiveError.self) {
            try ArchiveExporter(store: store, format: .mbox).run(ids, to: folder.path + "/export-mbox")
        }
    }

    private func readBack(_ destination: String, format: ArchiveExporter.Format) throws -> [[UInt8]] {
        switch format {
        case .mbox:
            let file = [UInt8](FileManager.default.contents(atPath: destination)!)
            return MboxFormat.messageRanges(file).map { MboxFormat.unquote(file[$0]) }
        case .eml, .maildir:
            let enumerator = FileManager.default.enumerator(atPath: destination)!
            var messages: [[UInt8]] = []
            for case let relative as String in enumerator {
                var isFolder: ObjCBool = false
                let path = destination + "/" + relative
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    messages.append([UInt8](FileManager.default.contents(atPath: path)!))
                }
            }
            return messages
        }
    }

    @Test func unreadableAndOversizedSourcesAreReportedAndTheRestImported() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("in/good.eml", SampleMail.message(1))
        folder.write("in/big.eml", Array(repeating: 65, count: 5000))
        folder.write("in/broken.mbox.gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad])
        var limited = options
        limited.maxMessageBytes = 4000
        let store = try ArchiveStore(directory: folder.path + "/archive", options: limited)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/in"])
        #expect(summary.progress.messagesAdded == 1)
        #expect(
            summary.failures.map(\.source).sorted() == [
                folder.path + "/in/big.eml", folder.path + "/in/broken.mbox.gz",
            ])
        #expect(throws: ArchiveError.self) {
            try ArchiveImporter(store: store, account: "prof").run([folder.path + "/absent"])
        }
    }

    @Test(.enabled(if: Corpus.spamassassin != nil, "the shared corpus is absent (set MAILSIFT_CORPUS)"))
    func theWholeSpamAssassinCorpusComesBackByteForByte() throws {
        let corpus = Corpus.spamassassin!
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path + "/archive", options: ArchiveOptions(compressionLevel: 1))
        let folders = ["easy_ham", "easy_ham_2", "hard_ham", "spam", "spam_2"].map { corpus + "/" + $0 }
        let summary = try ArchiveImporter(store: store, account: "corpus").run(folders)
        #expect(summary.failures.isEmpty)
        #expect(summary.progress.messagesAdded == 6046)
        let exported = folder.path + "/eml"
        _ = try ArchiveExporter(store: store, format: .eml).run(try store.messageIDsInStorageOrder(), to: exported)
        var originals: [Data: Int] = [:]
        for sub in folders {
            for name in try FileManager.default.contentsOfDirectory(atPath: sub) {
                originals[FileManager.default.contents(atPath: sub + "/" + name)!, default: 0] += 1
            }
        }
        var exportedCounts: [Data: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: exported) {
            exportedCounts[FileManager.default.contents(atPath: exported + "/" + name)!, default: 0] += 1
        }
        // Counted rather than compared whole, so that a failure prints a number, not 32 MB of mail.
        let differing = originals.filter { exportedCounts[$0.key] != $0.value }.count
        #expect(differing == 0)
        #expect(exportedCounts.values.reduce(0, +) == 6046)
        #expect(try store.verify().isClean)
    }
}
