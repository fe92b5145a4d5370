import Foundation
import IMAPClient
import IMAPCore
import Logging
import Sieve
import TestSupport
import Testing

@testable import Daemon

@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct AccountSupervisorTests {
    static func supervisor(user: String, password: String? = nil, store: StateStore) async throws
        -> AccountSupervisor
    {
        let book = RuleBook()
        await book.set(try FolderFilerTests.filingRules(), for: user)
        let endpoint = AccountEndpoint(name: user, folders: ["INBOX"]) {
            let connection = try await IMAPConnection.connect(DaemonTestAccounts.configuration())
            do {
                try await connection.login(user: user, password: password ?? DaemonTestAccounts.password(user))
            } catch {
                await connection.close()
                throw error
            }
            return connection
        }
        return AccountSupervisor(
            endpoint: endpoint, store: store, rules: book, work: FolderFilerTests.work, logger: Logger(label: "test"))
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
            endpoint: endpoint, store: store, rules: book, work: FolderFilerTests.work, logger: Logger(label: "test"))
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
