import Foundation
import GRDB
import IMAPClient
import IMAPCore
import Logging
import Sieve
import Spam
import TestSupport
import Testing

@testable import Daemon

/// Learning from the user's moves, seen from the server as any mail client makes them: into Junk is spam (unless
/// mailsift put it there), out of Junk is ham, and what the user took out is not sent back.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct LearnOnMoveTests {
    typealias Mail = SpamPhaseFilingTests

    /// A user's mail client: moves the message with this Message-ID from one folder to another.
    static func userMoves(_ id: String, from source: String, to destination: String, user: String) async throws {
        let client = try await DaemonTestAccounts.connect(user)
        _ = try await client.select(MailboxName(source))
        let uids = try await client.searchUIDs(.header("Message-ID", id))
        #expect(uids.count == 1, "\(id) in \(source)")
        _ = try await client.move(UIDSet(uids: uids), to: MailboxName(destination))
        await client.logout()
    }

    /// What the daemon does when the server reports a change: the folder is looked at again (NOOP, as IDLE's end
    /// does), then its new mail is filed.
    static func fileNew(_ filer: FolderFiler) async throws -> Int {
        try await filer.connection.execute(.noop)
        return try await filer.fileNew()
    }

    static func id(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return String(text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }!.dropFirst(12))
    }

    static func log(_ store: StateStore, _ user: String, folder: String) async throws -> [String] {
        try await store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT rules FROM processing_log WHERE account = ? AND folder = ? ORDER BY id",
                arguments: [user, folder])
        }
    }

    @Test func movesIntoAndOutOfJunkAreLearnedOnce() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let learner = try Mail.learner(in: directory)
        var rules = FilingRules(scripts: [])
        rules.spam = SpamPhase(settings: SpamSettings(), junkFolder: "Junk", learner: learner, learnOnMove: true)
        let inboxConnection = try await DaemonTestAccounts.connect(user)
        let junkConnection = try await DaemonTestAccounts.connect(user)
        let inbox = FolderFiler(
            account: user, folder: "INBOX", connection: inboxConnection, store: store, rules: rules,
            work: FolderFilerTests.work, logger: Logger(label: "test"))
        var junk = FolderFiler(
            account: user, folder: "Junk", connection: junkConnection, store: store, rules: rules,
            work: FolderFilerTests.work, logger: Logger(label: "test"))
        junk.learnsSpam = true
        _ = try await inbox.open()
        _ = try await junk.open()

        // A newsletter the learner thinks is ham, and a phishing mail mailsift itself sends to Junk.
        let newsletter = Mail.message(
            "Lettre d'information", "Les inscriptions au stage de printemps sont ouvertes. Bonne journée.",
            from: "Lettre <lettre@partenaire.example>")
        let phish = Mail.phish(7)
        _ = try await inboxConnection.append(
            [AppendMessage(bytes: newsletter), AppendMessage(bytes: phish)], to: .inbox)
        #expect(try await inbox.fileNew() == 2)
        #expect(try await Self.fileNew(junk) == 1)  // the phish arrived in Junk: mailsift's doing, not learned
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: phish)) == nil)

        // The user moves the newsletter into Junk: learned as spam, once.
        try await Self.userMoves(Self.id(newsletter), from: "INBOX", to: "Junk", user: user)
        #expect(try await Self.fileNew(junk) == 1)
        let afterSpam = try learner.store.summary()
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: newsletter)) == .spam)
        #expect(
            try await Self.log(store, user, folder: "Junk") == [
                "put in Junk by mailsift: not learned", "moved to Junk by the user: learned as spam",
            ])

        // The user takes the phish out of Junk: learned as ham, and left in the inbox although it scores as spam.
        try await Self.userMoves(Self.id(phish), from: "Junk", to: "INBOX", user: user)
        #expect(try await Self.fileNew(inbox) == 1)
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: phish)) == .ham)
        let look = try await DaemonTestAccounts.connect(user)
        #expect(try await DaemonTestAccounts.census(look, "INBOX")[Self.id(phish)] == 1)
        await look.logout()
        let inboxLog = try await Self.log(store, user, folder: "INBOX")
        #expect(inboxLog.last?.hasPrefix("taken out of Junk by the user: learned as ham") == true)

        // And the newsletter back out of Junk: its spam lesson is taken back, it is ham now.
        try await Self.userMoves(Self.id(newsletter), from: "Junk", to: "INBOX", user: user)
        #expect(try await Self.fileNew(inbox) == 1)
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: newsletter)) == .ham)
        let afterHam = try learner.store.summary()
        #expect(afterHam.spamMessages == afterSpam.spamMessages - 1)
        #expect(afterHam.hamMessages == afterSpam.hamMessages + 2)
        await inboxConnection.logout()
        await junkConnection.logout()
    }

    /// The scoring sends spam to the folder the server marks \Junk (the test Dovecot's "Junk"); `junk_folder` may
    /// name another (the default "Junk" on a server whose junk folder is "Junk E-mail" or "[Gmail]/Spam"). What
    /// the user takes out of the server's Junk must still be learned as ham and not sent back.
    @Test func aMessageTakenOutOfTheServersJunkStaysOutWhenJunkFolderNamesAnother() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let learner = try Mail.learner(in: directory)
        var rules = FilingRules(scripts: [])
        rules.spam = SpamPhase(
            settings: SpamSettings(), junkFolder: "Indésirables", learner: learner, learnOnMove: true)
        let connection = try await DaemonTestAccounts.connect(user)
        let inbox = FolderFiler(
            account: user, folder: "INBOX", connection: connection, store: store, rules: rules,
            work: FolderFilerTests.work, logger: Logger(label: "test"))
        _ = try await inbox.open()
        let phish = Mail.phish(8)
        _ = try await connection.append([AppendMessage(bytes: phish)], to: .inbox)
        #expect(try await inbox.fileNew() == 1)
        let look = try await DaemonTestAccounts.connect(user)
        #expect(try await DaemonTestAccounts.census(look, "Junk")[Self.id(phish)] == 1)

        try await Self.userMoves(Self.id(phish), from: "Junk", to: "INBOX", user: user)
        #expect(try await Self.fileNew(inbox) == 1)
        #expect(try await DaemonTestAccounts.census(look, "INBOX")[Self.id(phish)] == 1)
        #expect(try await DaemonTestAccounts.census(look, "Junk")[Self.id(phish)] == nil)
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: phish)) == .ham)
        await look.logout()
        await connection.logout()
    }

    /// `junk_folder` names a folder the server does not mark `\\Junk`: the daemon learns from the server's own
    /// `\\Junk` — where the scoring sends spam, and where mail clients move it —, and creates no other.
    @Test func theServersJunkIsWatchedWhenJunkFolderNamesAnother() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let learner = try Mail.learner(in: directory)
        var rules = FilingRules(scripts: [])
        rules.spam = SpamPhase(
            settings: SpamSettings(), junkFolder: "Indésirables", learner: learner, learnOnMove: true)
        let book = RuleBook()
        await book.set(rules, for: user)
        await book.setSpam(rules.spam, for: user)
        let endpoint = AccountEndpoint(name: user, folders: ["INBOX"]) { try await DaemonTestAccounts.connect(user) }
        let supervisor = AccountSupervisor(
            endpoint: endpoint, store: store, rules: book, work: FolderFilerTests.work, logger: Logger(label: "test"))
        let running = Task { await supervisor.run() }
        #expect(try await eventually { await supervisor.state == .watching })

        let ham = Mail.ham(7)
        let writer = try await DaemonTestAccounts.connect(user)
        _ = try await writer.append([AppendMessage(bytes: ham)], to: .inbox)
        #expect(try await eventually { try store.filedCount(since: 0, account: user) == 1 })
        try await Self.userMoves(Self.id(ham), from: "INBOX", to: "Junk", user: user)
        #expect(
            try await eventually { try learner.store.learnedClass(of: MessageFingerprint(of: ham)) == .spam },
            "the move into the server's \\Junk was not learned")
        let names = try await writer.listMailboxes().map(\.name.description)
        #expect(!names.contains("Indésirables"), "\(names)")
        await writer.logout()
        running.cancel()
        await running.value
    }
}
