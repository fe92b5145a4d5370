import Foundation
import IMAPClient
import IMAPCore
import Logging
import Sieve
import Synchronization
import TestSupport
import Testing

@testable import Daemon

@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct AccountSupervisorTests {
    static func supervisor(
        user: String, password: String? = nil, folders: [String] = ["INBOX"], basic: Bool = false,
        connections: Counter = Counter(), store: StateStore
    ) async throws -> AccountSupervisor {
        let book = RuleBook()
        await book.set(try FolderFilerTests.filingRules(), for: user)
        let endpoint = AccountEndpoint(name: user, folders: folders) {
            connections.add()
            let connection = try await IMAPConnection.connect(DaemonTestAccounts.configuration(basic: basic))
            do {
                try await connection.login(user: user, password: password ?? DaemonTestAccounts.password(user))
            } catch {
                await connection.close()
                throw error
            }
            return connection
        }
        return AccountSupervisor(
            endpoint: endpoint, store: store, rules: book, work: FolderFilerTests.work, pollInterval: .seconds(1),
            logger: Logger(label: "test"))
    }

    @Test func filesMailAsItArrivesAndStopsWhenCancelled() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let setup = try await DaemonTestAccounts.connect(user)
        try await setup.execute(.create(MailboxName("Listes")))
        try await setup.execute(.create(MailboxName("Archives")))
        let supervisor = try await Self.supervisor(user: user, store: store)
        let running = Task { await supervisor.run() }
        #expect(try await eventually { await supervisor.state == .watching })
        let ids = try await FolderFilerTests.append(10, to: "INBOX", setup)
        #expect(try await eventually { try store.filedCount(since: 0, account: user) == 10 })
        try await FolderFilerTests.expectFiled(ids, user: user, folder: "INBOX")
        // More mail later, on the same IDLE.
        let more = try await FolderFilerTests.append(5, to: "INBOX", setup)
        #expect(try await eventually { try store.filedCount(since: 0, account: user) == 15 })
        try await FolderFilerTests.expectFiled(more, user: user, folder: "INBOX")
        running.cancel()
        await running.value
        #expect(await supervisor.state == .stopped)
        await setup.logout()
    }

    /// Two watched folders share one connection where the server has NOTIFY (the test Dovecot), and have one
    /// each where it has not (the same Dovecot on ::1, announcing an older server's capabilities); either way
    /// mail arriving in either folder is filed once.
    @Test(arguments: [false, true])
    func severalFoldersAreWatchedOnOneConnectionWithNotify(basic: Bool) async throws {
        if basic && DaemonTestAccounts.basicHost == nil { return }
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let setup = try await DaemonTestAccounts.connect(user)
        for name in ["Listes", "Archives", "Second"] { try await setup.execute(.create(MailboxName(name))) }
        let connections = Counter()
        let supervisor = try await Self.supervisor(
            user: user, folders: ["INBOX", "Second"], basic: basic, connections: connections, store: store)
        let running = Task { await supervisor.run() }
        #expect(try await eventually { await supervisor.state == .watching })
        let inbox = try await FolderFilerTests.append(6, to: "INBOX", setup)
        #expect(try await eventually { try store.filedCount(since: 0, account: user) == 6 })
        let second = try await FolderFilerTests.append(6, to: "Second", setup)
        #expect(try await eventually { try store.filedCount(since: 0, account: user) == 12 })
        // And back to the first folder, which is no longer the one selected.
        let again = try await FolderFilerTests.append(3, to: "INBOX", setup)
        #expect(try await eventually { try store.filedCount(since: 0, account: user) == 15 })
        try await FolderFilerTests.expectFiled(inbox.merging(again) { a, _ in a }, user: user, folder: "INBOX")
        try await FolderFilerTests.expectFiled(second, user: user, folder: "Second")
        #expect(
            connections.value == (basic ? 3 : 1), "one connection with NOTIFY; without, one to see, then one per folder"
        )
        running.cancel()
        await running.value
        #expect(await supervisor.state == .stopped)
        await setup.logout()
    }

    /// On one shared connection, a watched folder the server will not open (deleted on the server, or a typo
    /// in the configuration) must not stop the others: before, its SELECT's NO failed the connection, again
    /// at every attempt, and INBOX behind it was never filed.
    @Test func aFolderThatDoesNotExistDoesNotStopTheOthersOnASharedConnection() async throws {
        let setup = try await DaemonTestSetup.make()
        try await Self.expectINBOXFiled(watching: ["Supprimé", "INBOX"], setup)
        await setup.finish()
    }

    /// Nor a folder whose batch record cannot be read: it fails alone, the others are filed.
    @Test func aFolderWhoseBatchRecordIsDamagedDoesNotStopTheOthersOnASharedConnection() async throws {
        let setup = try await DaemonTestSetup.make(creating: ["Listes", "Archives", "Travail", "Second"])
        let validity = try await setup.connection.examine(MailboxName("Second")).uidValidity
        try setup.store.setMailboxState(
            MailboxState(uidValidity: validity, lastUID: 0), account: setup.user, folder: "Second")
        try setup.store.write("damaging a batch record") { db in
            try db.execute(
                sql:
                    "INSERT INTO pending_batch (account, folder, uid_validity, started_at, plan) VALUES (?, ?, ?, 0, ?)",
                arguments: [setup.user, "Second", Int64(validity), Data("B2 12 x".utf8)])
        }
        try await Self.expectINBOXFiled(watching: ["Second", "INBOX"], setup)
        await setup.finish()
    }

    /// A supervisor watching `folders` opens INBOX and files the mail that then arrives there.
    static func expectINBOXFiled(watching folders: [String], _ setup: DaemonTestSetup) async throws {
        let (user, store) = (setup.user, setup.store)
        let supervisor = try await Self.supervisor(user: user, folders: folders, store: store)
        let running = Task { await supervisor.run() }
        #expect(try await eventually(60) { try store.mailboxState(account: user, folder: "INBOX") != nil })
        let inbox = try await FolderFilerTests.append(4, to: "INBOX", setup.connection)
        #expect(try await eventually(60) { try store.filedCount(since: 0, account: user) == 4 })
        try await FolderFilerTests.expectFiled(inbox, user: user, folder: "INBOX")
        running.cancel()
        await running.value
    }

    @Test func aRefusedLoginWaitsMinutesAndSaysWhy() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let supervisor = try await Self.supervisor(user: user, password: "wrong-password-123", store: store)
        let running = Task { await supervisor.run() }
        #expect(
            try await eventually {
                if case .refusedCredentials = await supervisor.state { true } else { false }
            })
        if case .refusedCredentials(let until, let error) = await supervisor.state {
            #expect(until.timeIntervalSinceNow > 60, "a refused login waits minutes, not seconds")
            #expect(!error.contains("wrong-password-123"), "the password is never shown")
        }
        running.cancel()
        await running.value
    }
}

/// How many times something happened, across tasks.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

@Suite struct BackoffTests {
    @Test func growsWithJitterAndStaysWithinItsBounds() {
        let backoff = Backoff()
        #expect(backoff.delay(failures: 1, refusedLogin: false, unit: 0) == .milliseconds(500))
        #expect(backoff.delay(failures: 1, refusedLogin: false, unit: 0.999) < .seconds(1))
        #expect(backoff.delay(failures: 4, refusedLogin: false, unit: 0) == .seconds(4))
        #expect(backoff.delay(failures: 40, refusedLogin: false, unit: 0.999) <= .seconds(300))
        #expect(backoff.delay(failures: 40, refusedLogin: false, unit: 0) == .seconds(150))
        #expect(backoff.delay(failures: 1, refusedLogin: true, unit: 0) == .seconds(150))
        #expect(backoff.delay(failures: 9, refusedLogin: true, unit: 0.999) <= .seconds(3600))
    }
}

/// Two watched folders whose rules copy into each other: the daemon's own deliveries are not filed again, so
/// mail is not multiplied.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct WatchedFoldersTests {
    @Test func copiesBetweenTwoWatchedFoldersDoNotMultiply() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let setup = try await DaemonTestAccounts.connect(user)
        for name in ["Listes", "Archives"] { try await setup.execute(.create(MailboxName(name))) }
        let book = RuleBook()
        let rules = #"require ["fileinto", "copy"]; fileinto "Listes"; fileinto :copy "Archives";"#
        await book.set(
            FilingRules(scripts: [.init(path: "r.sieve", compiled: try #require(SieveCompiler.compile(rules).script))]),
            for: user)
        let endpoint = AccountEndpoint(name: user, folders: ["Listes", "Archives"]) {
            try await DaemonTestAccounts.connect(user)
        }
        let supervisor = AccountSupervisor(
            endpoint: endpoint, store: store, rules: book, work: FolderFilerTests.work, pollInterval: .seconds(1),
            logger: Logger(label: "test"))
        let running = Task { await supervisor.run() }
        #expect(try await eventually { await supervisor.state == .watching })
        let ids = try await FolderFilerTests.append(3, to: "Listes", setup, subject: "liste")
        // Filed in Listes (kept, copied to Archives), then seen in Archives as the daemon's own copy.
        #expect(try await eventually { try store.filedCount(since: 0, account: user) >= 6 })
        try await Task.sleep(for: .seconds(2))
        #expect(try store.filedCount(since: 0, account: user) == 6, "no copy of a copy")
        let listes = try await DaemonTestAccounts.census(setup, "Listes")
        let archives = try await DaemonTestAccounts.census(setup, "Archives")
        for id in ids.keys { #expect(listes[id] == 1 && archives[id] == 1) }
        running.cancel()
        await running.value
        await setup.logout()
    }
}
