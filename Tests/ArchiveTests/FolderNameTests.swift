import Archive
import Foundation
import TestSupport
import Testing

/// What a folder may be called, wherever the name comes from.
@Suite struct FolderNameTests {
    @Test(arguments: ["INBOX", "Classes/CM2", "Réunions 2025", "[Gmail]/Tous les messages", ".cache", "a.b", "日本語"])
    func ordinaryNamesAreAccepted(name: String) {
        #expect(FolderName.problem(name) == nil)
    }

    @Test(arguments: [
        "", ".", "..", "../etc", "a/../b", "a/./b", "/abs", "a/", "a//b", "bell\u{7}", "esc\u{1B}[31mred",
        "line\nbreak",
        "del\u{7F}", "c1\u{85}", "c1\u{9B}31m", "bad\u{FFFD}bytes", String(repeating: "é", count: 128),
    ])
    func namesThatCouldMisleadOrEscapeAreRefused(name: String) {
        #expect(FolderName.problem(name) != nil, "\(FolderName.quoted(name))")
    }

    @Test func aRefusalShowsTheNameEscaped() {
        do {
            try FolderName.check("x\u{1B}]0;pwned\u{7}")
            Issue.record("accepted")
        } catch {
            #expect(error.isBadInput)
            #expect(error.message == #"folder name "x\u{1B}]0;pwned\u{7}" is refused: it holds a control character"#)
        }
        #expect(FolderName.problem(String(repeating: "a", count: FolderName.maxBytes)) == nil)
    }

    @Test func theStoreRefusesABadFolderAndStoresNothingOfTheCall() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let store = try ArchiveStore(
            directory: root.path, options: ArchiveOptions(blockSize: 4096, compressionLevel: 3))
        for bad in ["", "..", "a\u{1B}b"] {
            do {
                _ = try store.archive([SampleMail.incoming(1), SampleMail.incoming(2, folder: bad)])
                Issue.record("folder \(FolderName.quoted(bad)) was accepted")
            } catch {
                #expect(error.isBadInput && error.message.contains("message 2"), "\(error)")
            }
        }
        #expect(try store.stats().messages == 0)
    }

    @Test func importRefusesABadFolderOptionAndSkipsMaildirFoldersWithBadNames() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        root.write("Maildir/cur/1.M1.host:2,S", SampleMail.message(1))
        // `..evil` would be folder "/evil"; `.a..b` would be "a//b".
        root.write("Maildir/..evil/cur/2.M1.host:2,S", SampleMail.message(2))
        root.write("Maildir/.a..b/cur/3.M1.host:2,S", SampleMail.message(3))
        root.write("Maildir/.Good/cur/4.M1.host:2,S", SampleMail.message(4))
        let store = try ArchiveStore(
            directory: root.path + "/archive", options: ArchiveOptions(blockSize: 4096, compressionLevel: 3))
        #expect(throws: ArchiveError.self) {
            try ArchiveImporter(store: store, account: "prof", folder: "..").run([root.path + "/Maildir"])
        }
        let summary = try ArchiveImporter(store: store, account: "prof").run([root.path + "/Maildir"])
        #expect(summary.progress.messagesAdded == 2)
        #expect(
            summary.failures.map(\.source).sorted() == [root.path + "/Maildir/..evil", root.path + "/Maildir/.a..b"])
        #expect(summary.failures.allSatisfy { $0.reason.contains("is refused") })
        #expect(Set(try store.search(SearchQuery(limit: 10)).map(\.folder)) == ["INBOX", "Good"])
    }
}
