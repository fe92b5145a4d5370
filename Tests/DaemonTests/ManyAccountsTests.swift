import Foundation
import IMAPClient
import IMAPCore
import Logging
import NIOPosix
import TestSupport
import Testing

@testable import Daemon

/// A hundred accounts in one daemon, one with a wrong password and one whose rules are broken: the others file
/// normally, and status shows the two with their errors.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct ManyAccountsTests {
    @Test func oneBadPasswordAndOneBrokenRuleSetDisturbNoOtherAccount() async throws {
        let count = 100
        let users = (0..<count).map { _ in DaemonTestAccounts.newHeavyUser() }
        let root = TemporaryFolder("daemon")
        defer { root.remove() }
        let ruleRoot = root.path + "/rules"
        for user in users {
            try FileManager.default.createDirectory(atPath: ruleRoot + "/" + user, withIntermediateDirectories: true)
            try Data(FolderFilerTests.rules.utf8).write(to: URL(fileURLWithPath: ruleRoot + "/\(user)/10-tri.sieve"))
        }
        let wrongPassword = users[0]
        let brokenRules = users[1]
        try Data(#"require "fileinto"; fileintoo "x";"#.utf8)
            .write(to: URL(fileURLWithPath: ruleRoot + "/\(brokenRules)/20-casse.sieve"))

        let store = try StateStore(directory: root.path + "/state")
        try store.recordStart(pid: getpid())
        let accounts = users.map { user in
            DaemonSetup.Account(
                endpoint: AccountEndpoint(name: user, folders: ["INBOX"]) {
                    let connection = try await IMAPConnection.connect(DaemonTestAccounts.configuration())
                    do {
                        try await connection.login(
                            user: user, password: user == wrongPassword ? "not-it" : DaemonTestAccounts.password(user))
                    } catch {
                        await connection.close()
                        throw error
                    }
                    return connection
                }, key: user)
        }
        let layout = RuleWatcher.Layout(administratorFolder: nil, userRoot: ruleRoot, accounts: users)
        let setup = DaemonSetup(accounts: accounts, rules: layout)
        let book = RuleBook()
        let logger = Logger(label: "test")
        let watcher = RuleWatcher(layout: layout, book: book, store: store, logger: logger, load: TestRuleLoader.load)
        await watcher.loadAll()
        let fleet = AccountFleet(
            setup: setup, store: store, book: book, watcher: watcher, work: FolderFilerTests.work, logger: logger
        ) { setup }
        let running = Task { try await fleet.run() }

        func report() throws -> StatusReport { try StatusReport.read(from: store, accounts: users) }
        #expect(
            try await eventually(180) {
                try report().accounts.filter { $0.state == "watching" }.count == count - 1
            })
        var ids: [String: [String: String]] = [:]
        for user in users.dropFirst() {
            let connection = try await DaemonTestAccounts.connect(user)
            try await connection.execute(.create(MailboxName("Listes")))
            try await connection.execute(.create(MailboxName("Archives")))
            ids[user] = try await FolderFilerTests.append(5, to: "INBOX", connection)
            await connection.logout()
        }
        #expect(try await eventually(180) { try report().filedLastHour == (count - 1) * 5 })
        for user in users.dropFirst(2).prefix(5) {
            try await FolderFilerTests.expectFiled(ids[user]!, user: user, folder: "INBOX")
        }
        // The account with broken rules filed nothing away: its mail stays in INBOX.
        let look = try await DaemonTestAccounts.connect(brokenRules)
        #expect(try await DaemonTestAccounts.census(look, "INBOX").count == 5)
        await look.logout()

        let status = try report()
        let refused = status.accounts[0]
        #expect(refused.state == "refused credentials")
        #expect(refused.lastError?.contains("login refused") == true)
        let broken = status.accounts[1]
        #expect(broken.state == "watching")
        #expect(broken.ruleErrors.first?.contains("20-casse.sieve:1:") == true)
        #expect(status.accounts.dropFirst(2).allSatisfy { $0.state == "watching" && $0.ruleErrors.isEmpty })
        running.cancel()
        _ = await running.result
    }
}
