import Archive
import Foundation
import MailboxFormats
import TestSupport
import Testing

/// How an import reads its sources: files of nested folders in turn (each folder opened once for its files), an
/// mbox whose messages are unquoted only when they hold a quoted line, a message file that starts with an envelope
/// line kept whole.
@Suite struct SourceReaderTests {
    private let options = ArchiveOptions(blockSize: 8192, compressionLevel: 3)

    private func message(_ number: Int, body: String) -> [UInt8] {
        SampleMail.message(number, body: body)
    }

    @Test func filesOfNestedFoldersReadInTurnComeBackFromTheirOwnFolders() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // Folder → (file → bytes); `b` is walked between `a`'s files, `d` after them.
        var expected: [String: [[UInt8]]] = [:]
        func write(_ path: String, _ bytes: [UInt8], folder name: String) {
            folder.write("mail/" + path, bytes)
            expected[name, default: []].append(bytes)
        }
        write("a/1.eml", message(1, body: "un"), folder: "a")
        write("a/b/2.eml", message(2, body: "deux"), folder: "b")
        write("a/b/c/3.eml", message(3, body: "trois"), folder: "c")
        write("a/b/4.eml", message(4, body: "quatre"), folder: "b")
        write("a/5.eml", message(5, body: "cinq"), folder: "a")
        write("d/6.eml", message(6, body: "six"), folder: "d")
        write("Maildir/cur/7.host:2,S", message(7, body: "sept"), folder: "INBOX")
        write("Maildir/new/8.host", message(8, body: "huit"), folder: "INBOX")
        // A message file with its envelope line and a line starting "From " that is no separator: one message.
        write(
            "d/9.eml", Array("From x@example.org Mon Sep  1 08:10:00 2025\n".utf8) + message(9, body: "neuf\nFrom me"),
            folder: "d")
        // An mbox: one message holding a quoted `>From ` line (unquoted on import), one without (kept as it is).
        let quoted = message(10, body: "dix\n\nFrom the start\nfin")
        let plain = message(11, body: "onze")
        folder.write(
            "mail/d/box.mbox",
            [quoted, plain].flatMap { MboxFormat.entry($0, sender: "x@example.org", date: "Mon Sep  1 08:10:00 2025") })
        expected["box", default: []] += [quoted, plain]

        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/mail"])
        #expect(summary.failures.isEmpty && summary.skipped.isEmpty)
        #expect(summary.progress.messagesAdded == 11)
        var found: [String: [[UInt8]]] = [:]
        for hit in try store.search(SearchQuery(limit: 100)) {
            found[hit.folder, default: []].append(try store.message(hit.id))
        }
        func sorted(_ messages: [[UInt8]]?) -> [[UInt8]] {
            (messages ?? []).sorted { $0.lexicographicallyPrecedes($1) }
        }
        #expect(Set(found.keys) == Set(expected.keys))
        for (name, messages) in expected { #expect(sorted(found[name]) == sorted(messages), "\(name)") }
    }
}
