import Archive
import Foundation
import Glibc
import MailboxFormats
import TestSupport
import Testing

/// Import as a careless or hostile user's files would meet it: links out of the tree, FIFOs, sockets, bombs.
@Suite struct ImportSafetyTests {
    private let options = ArchiveOptions(blockSize: 8192, compressionLevel: 3)
    private let secret = "root-only secret: 7f3c9e"

    /// A file outside the imported tree that a link inside it points to.
    private func writeSecret(in folder: TemporaryFolder) -> String {
        let path = folder.path + "/outside/shadow"
        folder.write("outside/shadow", Array("From: x@example.org\nSubject: \(secret)\n\n\(secret)\n".utf8))
        chmod(path, 0o600)
        return path
    }

    private func allText(_ store: ArchiveStore) throws -> String {
        try store.search(SearchQuery(limit: 1000)).map { hit in
            String(decoding: try store.message(hit.id), as: UTF8.self)
        }.joined()
    }

    @Test func aLinkInsideAMaildirIsNotFollowedAndIsNamed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let shadow = writeSecret(in: folder)
        folder.write("M/cur/1.host:2,S", SampleMail.message(1))
        #expect(symlink(shadow, folder.path + "/M/cur/2.host:2,S") == 0)
        // A link to a whole folder of mail outside, as a Maildir subfolder.
        folder.write("outside/box/cur/3.host:2,", SampleMail.message(3))
        #expect(symlink(folder.path + "/outside/box", folder.path + "/M/.Linked") == 0)

        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/M"])
        #expect(summary.progress.messagesAdded == 1)
        #expect(summary.failures.isEmpty)
        #expect(Set(summary.skipped.map(\.source)) == [folder.path + "/M/cur/2.host:2,S", folder.path + "/M/.Linked"])
        #expect(summary.skipped.allSatisfy { $0.reason.contains("symbolic link") })
        #expect(!(try allText(store)).contains(secret))
    }

    /// `cur` (or a `.Sub`'s `cur`) made a link out of the tree: not followed, and named rather than silently
    /// passed over; a Maildir whose only `cur` is a link is not walked as a plain folder either (its `tmp`
    /// holds deliveries in progress).
    @Test func aLinkedCurIsNamedAndNotWalkedAsAPlainFolder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let shadow = writeSecret(in: folder)
        folder.write("outside/cur/shadow:2,S", Array((try String(contentsOfFile: shadow, encoding: .utf8)).utf8))
        folder.write("M/new/1.host", SampleMail.message(1))
        #expect(symlink(folder.path + "/outside/cur", folder.path + "/M/cur") == 0)
        try FileManager.default.createDirectory(atPath: folder.path + "/M/.Sub", withIntermediateDirectories: true)
        #expect(symlink(folder.path + "/outside/cur", folder.path + "/M/.Sub/cur") == 0)
        folder.write("Lone/tmp/9.host", SampleMail.message(9))
        #expect(symlink(folder.path + "/outside/cur", folder.path + "/Lone/cur") == 0)

        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([
            folder.path + "/M", folder.path + "/Lone",
        ])
        #expect(summary.progress.messagesAdded == 1)
        #expect(summary.failures.isEmpty)
        let named = [folder.path + "/M/cur", folder.path + "/M/.Sub/cur", folder.path + "/Lone/cur"]
        #expect(Set(summary.skipped.map(\.source)) == Set(named))
        #expect(summary.skipped.allSatisfy { $0.reason.contains("symbolic link") })
        #expect(!(try allText(store)).contains(secret))
    }

    /// A folder that cannot be walked (here nested deeper than the bound) is named, and the rest is imported.
    @Test func aFolderTooDeepIsNamedAndTheRestImported() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("mail/a.eml", SampleMail.message(1))
        let deep = (1...20).map { "d\($0)" }.joined(separator: "/")
        folder.write("mail/" + deep + "/b.eml", SampleMail.message(2))
        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/mail"])
        #expect(summary.progress.messagesAdded == 1)
        #expect(summary.failures.count == 1)
        let failure = try #require(summary.failures.first)
        #expect(failure.source.hasPrefix(folder.path + "/mail/d1/d2/"))
        #expect(failure.reason == "folders nested too deep")
    }

    @Test func aLinkedSubfolderOfAPlainFolderIsNotWalked() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let shadow = writeSecret(in: folder)
        folder.write("mail/a.eml", SampleMail.message(1))
        #expect(symlink(shadow, folder.path + "/mail/b.eml") == 0)
        #expect(symlink(folder.path + "/outside", folder.path + "/mail/more") == 0)
        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/mail"])
        #expect(summary.progress.messagesAdded == 1)
        #expect(summary.skipped.count == 2)
        #expect(!(try allText(store)).contains(secret))
    }

    /// A root-run import of `/home/jeanne/Maildir` must not follow Jeanne's link to a folder she cannot read; the
    /// administrator's own links (root's, or the invoking user's) are followed.
    @Test(.enabled(if: geteuid() == 0, "needs root to give a link to another user"))
    func aNamedPathThroughAnotherUsersLinkIsRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = writeSecret(in: folder)
        folder.write("outside/box/cur/1.host:2,S", SampleMail.message(1))
        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let importer = ArchiveImporter(store: store, account: "prof")

        folder.write("home/jeanne/.keep", [])
        #expect(symlink(folder.path + "/outside/box", folder.path + "/home/jeanne/Maildir") == 0)
        #expect(lchown(folder.path + "/home/jeanne/Maildir", 65534, 65534) == 0)
        #expect(symlink(folder.path + "/outside", folder.path + "/home/jeanne/dir") == 0)
        #expect(lchown(folder.path + "/home/jeanne/dir", 65534, 65534) == 0)
        for named in ["/home/jeanne/Maildir", "/home/jeanne/dir/shadow", "/home/jeanne/./dir/../dir/box"] {
            do {
                _ = try importer.run([folder.path + named])
                Issue.record("\(named) was imported through another user's link")
            } catch {
                #expect(error.message.contains("is a symbolic link owned by user 65534"), "\(error)")
            }
        }
        #expect(try store.search(SearchQuery(limit: 10)).isEmpty)

        // The same link made by root is the administrator's: followed, and the messages named by the real path.
        #expect(symlink(folder.path + "/outside/box", folder.path + "/rootlink") == 0)
        let summary = try importer.run([folder.path + "/rootlink"])
        #expect(summary.progress.messagesAdded == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOOrSocketIsSkippedWithoutBlockingTheFolder() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("M/cur/1.host:2,S", SampleMail.message(1))
        folder.write("M/cur/3.host:2,S", SampleMail.message(3))
        #expect(mkfifo(folder.path + "/M/cur/2.host:2,S", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: folder.path + "/M/new", withIntermediateDirectories: true)
        let socketPath = folder.path + "/M/new/4.host"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)

        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/M"])
        #expect(summary.progress.messagesAdded == 2)
        #expect(
            summary.skipped.map(\.reason).sorted() == [
                "is a FIFO, not a file: not read", "is a socket, not a file: not read",
            ])
        // A FIFO named on the command line is refused, not waited on.
        #expect(mkfifo(folder.path + "/pipe.mbox", 0o644) == 0)
        let direct = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/pipe.mbox"])
        #expect(direct.failures.map(\.reason) == ["is a FIFO, not a file: not read"])
    }

    /// A FIFO (or a device) named on the command line is refused without being opened at all: opening one has
    /// effects (a writer waiting on the FIFO is released, then gets SIGPIPE; a tape rewinds). inotify sees opens.
    @Test func aFIFONamedOnTheCommandLineIsNeverOpened() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.path + "/pipe.mbox"
        #expect(mkfifo(fifo, 0o644) == 0)
        let watch = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        try #require(watch >= 0)
        defer { close(watch) }
        try #require(inotify_add_watch(watch, fifo, UInt32(IN_OPEN)) >= 0)

        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([fifo])
        #expect(summary.failures.map(\.reason) == ["is a FIFO, not a file: not read"])
        var events = [UInt8](repeating: 0, count: 4096)
        let count = read(watch, &events, events.count)
        #expect(count < 0 && errno == EAGAIN, "the FIFO was opened")
    }

    @Test func aGzipBombIsRefusedEarlyAndNamedOnce() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write(
            "bomb.mbox",
            Array("From x@example.org Mon Sep  1 08:10:00 2025\nSubject: a\n\n".utf8)
                + Array(repeating: UInt8(ascii: "a"), count: 64 << 20))
        try gzip(folder.path + "/bomb.mbox")
        let compressed = try FileManager.default.attributesOfItem(atPath: folder.path + "/bomb.mbox.gz")[.size] as! Int
        #expect(compressed < 200_000)
        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        var importer = ArchiveImporter(store: store, account: "prof")
        importer.maxGzipRatio = 50
        let summary = try importer.run([folder.path + "/bomb.mbox.gz"])
        #expect(summary.progress.messagesAdded == 0)
        #expect(summary.failures.count == 1)
        let failure = try #require(summary.failures.first)
        #expect(failure.source == folder.path + "/bomb.mbox.gz")
        #expect(failure.reason.contains("decompression bomb"))
        #expect(!failure.reason.contains(folder.path), "the path is named once, by the source")
    }

    @Test func aSmallFileWithoutMboxNameHoldingSeveralMessagesIsSplit() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let messages = [SampleMail.message(1), SampleMail.message(2), SampleMail.message(3)]
        let entries = messages.map { MboxFormat.entry($0, sender: "x@example.org", date: "Mon Sep  1 08:10:00 2025") }
        folder.write("INBOX_archive", entries.flatMap { $0 })
        folder.write("one.eml", entries[0])
        let store = try ArchiveStore(directory: folder.path + "/archive", options: options)
        let summary = try ArchiveImporter(store: store, account: "prof").run([
            folder.path + "/INBOX_archive", folder.path + "/one.eml",
        ])
        #expect(summary.failures.isEmpty)
        #expect(summary.progress.messagesAdded == 4)
        let stored = try store.search(SearchQuery(limit: 10)).map { try store.message($0.id) }
        #expect(
            Set(stored) == Set(messages + [entries[0]]), "three split messages, and one kept whole with its From line")
    }

    @Test func aMessageOverTheLimitInAnMboxIsNamedAndTheRestImported() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let big = SampleMail.message(2, body: String(repeating: "x", count: 20_000))
        let messages = [SampleMail.message(1), big, SampleMail.message(3)]
        folder.write(
            "box.mbox",
            messages.flatMap { MboxFormat.entry($0, sender: "x@example.org", date: "Mon Sep  1 08:10:00 2025") })
        var small = options
        small.maxMessageBytes = 10_000
        let store = try ArchiveStore(directory: folder.path + "/archive", options: small)
        let summary = try ArchiveImporter(store: store, account: "prof").run([folder.path + "/box.mbox"])
        #expect(summary.progress.messagesAdded == 2)
        #expect(summary.failures.map(\.source) == [folder.path + "/box.mbox#2"])
        #expect(summary.failures.first?.reason == "\(big.count) bytes, more than the limit of 10000")
    }

    private func gzip(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", path]
        try process.run()
        process.waitUntilExit()
    }
}
