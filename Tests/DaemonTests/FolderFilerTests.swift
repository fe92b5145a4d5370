import Foundation
import IMAPClient
import IMAPCore
import Logging
import NIOPosix
import Sieve
import TestSupport
import Testing

@testable import Daemon

/// The pipeline of one folder against the test Dovecot: rules that move, copy and flag, and a crash put at every
/// change a batch makes, each followed by a restart on a new connection.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct FolderFilerTests {
    static let rules = """
        require ["fileinto", "copy", "imap4flags", "mailbox"];
        if header :contains "subject" "liste" { fileinto "Listes"; stop; }
        if header :contains "subject" "copie" {
            fileinto :copy :flags "\\\\Seen" "Archives";
            addflag "\\\\Flagged";
            keep;
            stop;
        }
        if header :contains "subject" "important" { addflag "$Important"; fileinto :create "Travail"; stop; }
        if header :contains "subject" "spam" { discard; stop; }
        """

    static let subjects = ["liste", "copie", "important", "spam", "autre"]

    static func filingRules() throws -> FilingRules {
        let compiled = try #require(SieveCompiler.compile(rules).script)
        return FilingRules(scripts: [.init(path: "rules/10-test.sieve", compiled: compiled)])
    }

    static let work: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    static func filer(_ connection: IMAPConnection, user: String, folder: String, store: StateStore) throws
        -> FolderFiler
    {
        try FolderFiler(
            account: user, folder: folder, connection: connection, store: store, rules: filingRules(), work: work,
            logger: Logger(label: "test"))
    }

    /// Where each message must be, exactly once, and with which flags.
    static func expectFiled(_ ids: [String: String], user: String, folder: String) async throws {
        let look = try await DaemonTestAccounts.connect(user)
        defer { Task { await look.logout() } }
        let source = try await DaemonTestAccounts.flags(look, folder)
        let sourceCounts = try await DaemonTestAccounts.census(look, folder)
        let listes = try await DaemonTestAccounts.census(look, "Listes")
        let archives = try await DaemonTestAccounts.flags(look, "Archives")
        let archiveCounts = try await DaemonTestAccounts.census(look, "Archives")
        let travail = try await DaemonTestAccounts.flags(look, "Travail")
        let travailCounts = try await DaemonTestAccounts.census(look, "Travail")
        for (id, subject) in ids {
            switch subject {
            case "liste":
                #expect(listes[id] == 1 && sourceCounts[id] == nil, "\(id) liste")
            case "copie":
                #expect(archiveCounts[id] == 1 && sourceCounts[id] == 1, "\(id) copie")
                #expect(archives[id]?.contains("\\Seen") == true, "\(id): the copy is \\Seen")
                #expect(archives[id]?.contains("\\Flagged") == false, "\(id): the copy is not flagged")
                #expect(source[id]?.contains("\\Flagged") == true, "\(id): the original is flagged")
                #expect(source[id]?.contains("\\Seen") == false, "\(id): the original keeps its unread state")
            case "important":
                #expect(travailCounts[id] == 1 && sourceCounts[id] == nil, "\(id) important")
                #expect(travail[id]?.contains("$Important") == true, "\(id): flagged $Important")
            case "spam":
                #expect(sourceCounts[id] == nil && listes[id] == nil && archiveCounts[id] == nil, "\(id) spam")
            default:
                #expect(sourceCounts[id] == 1 && source[id]?.isEmpty == true, "\(id) autre")
            }
        }
    }

    /// Appends messages with the test subjects (or `subject` for all); returns Message-ID → subject.
    static func append(
        _ count: Int, to folder: String, _ connection: IMAPConnection, subject fixed: String? = nil
    ) async throws -> [String: String] {
        var ids: [String: String] = [:]
        var messages: [AppendMessage] = []
        for number in 0..<count {
            let subject = subjects[number % subjects.count]
            let bytes = DaemonTestAccounts.message(number, subject: fixed ?? "\(subject) \(number)")
            let text = String(decoding: bytes, as: UTF8.self)
            let id = text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }!.dropFirst(11)
                .trimmingCharacters(in: .whitespaces)
            ids[id] = subject
            messages.append(AppendMessage(bytes: bytes))
        }
        _ = try await connection.append(messages, to: MailboxName(folder))
        return ids
    }

    @Test func filesNewMailByTheRulesAndOnlyNewMail() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let connection = try await DaemonTestAccounts.connect(user)
        try await connection.execute(.create(MailboxName("Listes")))
        try await connection.execute(.create(MailboxName("Archives")))
        let before = try await Self.append(3, to: "INBOX", connection)
        let filer = try Self.filer(connection, user: user, folder: "INBOX", store: store)
        _ = try await filer.open()
        let ids = try await Self.append(10, to: "INBOX", connection)
        #expect(try await filer.fileNew() == 10)
        try await Self.expectFiled(ids, user: user, folder: "INBOX")
        // Mail that was there before the first start is left as it was.
        let look = try await DaemonTestAccounts.connect(user)
        let inbox = try await DaemonTestAccounts.census(look, "INBOX")
        for id in before.keys { #expect(inbox[id] == 1) }
        await look.logout()
        #expect(try await filer.fileNew() == 0)
        #expect(try store.filedCount(since: 0, account: user) == 10)
        // The test Dovecot has CONDSTORE: the folder's HIGHESTMODSEQ is kept, and moves on as the folder changes.
        let first = try #require(try store.mailboxState(account: user, folder: "INBOX")?.highestModSeq)
        _ = try await filer.open()
        #expect(try #require(try store.mailboxState(account: user, folder: "INBOX")?.highestModSeq) > first)
        await connection.logout()
    }

    /// With MOVE, and on the server without MOVE, where a move is COPY, \\Deleted and UID EXPUNGE.
    @Test(arguments: [false, true])
    func aCrashAtAnyChangeOfABatchFilesEachMessageExactlyOnce(withoutMove: Bool) async throws {
        if withoutMove && DaemonTestAccounts.basicHost == nil { return }  // no ::1 on this machine
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let setup = try await DaemonTestAccounts.connect(user)
        try await setup.execute(.create(MailboxName("Listes")))
        try await setup.execute(.create(MailboxName("Archives")))
        await setup.logout()
        var crashAt = 1
        while true {
            let folder = "src-\(crashAt)"
            let connection = try await DaemonTestAccounts.connect(user, basic: withoutMove)
            #expect(connection.hasCapability("MOVE") == !withoutMove)
            try await connection.execute(.create(MailboxName(folder)))
            var filer = try Self.filer(connection, user: user, folder: folder, store: store)
            _ = try await filer.open()
            let ids = try await Self.append(10, to: folder, connection)
            let faulty = FaultyServer(filer.server, failAfter: crashAt)
            filer.server = faulty
            var crashed = false
            do { try await filer.fileNew() } catch is FaultyServer.Crash { crashed = true }
            await connection.close()
            // The restart: a new connection, the batch found under way and finished.
            let again = try await DaemonTestAccounts.connect(user, basic: withoutMove)
            let restarted = try Self.filer(again, user: user, folder: folder, store: store)
            _ = try await restarted.open()
            try await restarted.fileNew()
            await again.logout()
            try await Self.expectFiled(ids, user: user, folder: folder)
            #expect(try store.pendingBatch(account: user, folder: folder) == nil)
            if !crashed { break }
            crashAt += 1
            #expect(crashAt < 30, "a batch of 10 should need far fewer changes")
            if crashAt >= 30 { break }
        }
    }
}
