import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Daemon

/// `mailsift run` as a user meets it: a rule file dropped into the account's folder sorts the next message; a
/// broken one keeps the old behaviour and shows in status; fixing it takes effect; SIGHUP adds an account; a bad
/// configuration on SIGHUP is refused and the running one kept; a second daemon on the same state folder is
/// refused; SIGTERM stops it cleanly.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct LiveDaemonTests {
    static func account(_ user: String, secret: String) -> String {
        """

        [[account]]
        name = "\(user)"
        host = "\(DaemonTestAccounts.host)"
        port = \(DaemonTestAccounts.plainPort)
        security = "plain"
        username = "\(user)"
        password_file = "\(secret)"
        """
    }

    @Test func rulesAndConfigurationChangeUnderTheRunningDaemon() async throws {
        let user = DaemonTestAccounts.newUser()
        let second = DaemonTestAccounts.newUser()
        let root = TemporaryFolder("daemon")
        defer { root.remove() }
        let rules = root.path + "/rules/\(user)"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        for name in [user, second] {
            FileManager.default.createFile(
                atPath: root.path + "/secret-\(name)", contents: Data(DaemonTestAccounts.password(name).utf8),
                attributes: [.posixPermissions: 0o600])
        }
        let header = "state_dir = \"\(root.path)/state\"\nuser_rules = \"\(root.path)/rules\"\n"
        let config = root.path + "/mailsift.toml"
        try saveRenamingIntoPlace(header + Self.account(user, secret: root.path + "/secret-\(user)"), config)
        let log = root.path + "/daemon.log"
        let daemon = try DaemonProcess(["run", "--config", config], log: log)
        defer { if kill(daemon.pid, 0) == 0 { daemon.kill9() } }
        let store = try StateStore(directory: root.path + "/state")
        func status(_ accounts: [String] = [user]) throws -> StatusReport {
            try StatusReport.read(from: store, accounts: accounts)
        }
        #expect(try await eventually { try status().accounts[0].state == "watching" })
        // A second daemon on the same state folder is refused, naming the first.
        let secondLog = root.path + "/second.log"
        let intruder = try DaemonProcess(["run", "--config", config], log: secondLog)
        #expect(await intruder.wait(30) == 1)
        let refusal = (try? String(contentsOfFile: secondLog, encoding: .utf8)) ?? ""
        #expect(refusal.contains("another mailsift run (pid \(daemon.pid))"), "\(refusal)")
        let writer = try await DaemonTestAccounts.connect(user)
        try await writer.execute(.create(MailboxName("Listes")))
        func deliver(_ number: Int, _ subject: String) async throws -> String {
            let ids = try await FolderFilerTests.append(1, to: "INBOX", writer, subject: "\(subject) \(number)")
            return ids.keys.first!
        }
        func filed(_ count: Int) async throws -> Bool {
            try await eventually { try store.filedCount(since: 0, account: user) == count }
        }

        // No rules: kept.
        let first = try await deliver(1, "liste")
        #expect(try await filed(1))
        #expect(try await DaemonTestAccounts.census(writer, "INBOX")[first] == 1)

        // A rule file dropped in: the next message is sorted by it.
        try saveRenamingIntoPlace(FolderFilerTests.rules, rules + "/10-tri.sieve")
        #expect(try await eventually { try status().accounts[0].rules == 1 })
        let second1 = try await deliver(2, "liste")
        #expect(try await filed(2))
        #expect(try await DaemonTestAccounts.census(writer, "Listes")[second1] == 1)

        // A broken file: reported in status with its place, and the last good rules keep running.
        try saveRenamingIntoPlace("require \"fileinto\";\nfileintoo \"Autres\";\n", rules + "/20-autres.sieve")
        #expect(try await eventually { try status().accounts[0].ruleErrors.count == 1 })
        #expect(try status().accounts[0].ruleErrors.first?.contains("20-autres.sieve:2:1") == true)
        let third = try await deliver(3, "liste")
        #expect(try await filed(3))
        #expect(try await DaemonTestAccounts.census(writer, "Listes")[third] == 1)

        // Fixed: it takes effect without a restart.
        try saveRenamingIntoPlace(
            "require [\"fileinto\", \"mailbox\"];\nif header :contains \"subject\" \"divers\" { fileinto :create \"Autres\"; }\n",
            rules + "/20-autres.sieve")
        #expect(
            try await eventually {
                let account = try status().accounts[0]
                return account.ruleErrors.isEmpty && account.rules == 2
            })
        let fourth = try await deliver(4, "divers")
        #expect(try await filed(4))
        #expect(try await DaemonTestAccounts.census(writer, "Autres")[fourth] == 1)

        // SIGHUP with a second account: it starts, the first goes on.
        try saveRenamingIntoPlace(
            header + Self.account(user, secret: root.path + "/secret-\(user)")
                + Self.account(second, secret: root.path + "/secret-\(second)"), config)
        kill(daemon.pid, SIGHUP)
        #expect(
            try await eventually {
                try status([user, second]).accounts.map(\.state) == ["watching", "watching"]
            })

        // SIGHUP with a broken configuration: refused, the daemon goes on with the running one.
        try saveRenamingIntoPlace(header + "[[account]]\nname = \"\(user)\"\npasword_file = \"x\"\n", config)
        kill(daemon.pid, SIGHUP)
        #expect(
            try await eventually {
                (try? String(contentsOfFile: log, encoding: .utf8))?.contains("the new configuration is refused")
                    == true
            })
        let fifth = try await deliver(5, "liste")
        #expect(try await filed(5), "the running configuration goes on after a refused reload")
        #expect(try await DaemonTestAccounts.census(writer, "Listes")[fifth] == 1)

        #expect(await daemon.stop(SIGTERM, within: 10) == 0, "SIGTERM: a clean stop within 10 s")
        #expect(try !status().running)
        await writer.logout()
    }

    /// `systemctl stop` just after a start: a SIGTERM that comes while the daemon still opens its store and
    /// compiles the rules (before the service group listens) is a clean stop too, not a death by signal.
    @Test func aSIGTERMDuringStartUpIsACleanStop() async throws {
        let user = DaemonTestAccounts.newUser()
        let root = TemporaryFolder("daemon")
        defer { root.remove() }
        let rules = root.path + "/rules/\(user)"
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        // Enough rules that compiling them takes a moment.
        for number in 0..<40 { try saveRenamingIntoPlace(FolderFilerTests.rules, rules + "/\(number)-tri.sieve") }
        _ = FileManager.default.createFile(
            atPath: root.path + "/secret", contents: Data(DaemonTestAccounts.password(user).utf8),
            attributes: [.posixPermissions: 0o600])
        let config = root.path + "/mailsift.toml"
        try saveRenamingIntoPlace(
            "state_dir = \"\(root.path)/state\"\nuser_rules = \"\(root.path)/rules\"\n"
                + Self.account(user, secret: root.path + "/secret"), config)
        let daemon = try DaemonProcess(["run", "--config", config], log: root.path + "/daemon.log")
        defer { if kill(daemon.pid, 0) == 0 { daemon.kill9() } }
        // The daemon has recorded its start in the store: it is past its arguments and its configuration.
        let database = root.path + "/state/state.sqlite"
        let started = try await eventually(60, every: .milliseconds(2)) {
            FileManager.default.fileExists(atPath: database)
        }
        // When it does not start, what it said and what it made tell where it stood (the folder goes at the end).
        let said = (try? String(contentsOfFile: root.path + "/daemon.log", encoding: .utf8)) ?? "(no log)"
        let made = (try? FileManager.default.subpathsOfDirectory(atPath: root.path + "/state")) ?? []
        #expect(started, "no state store after 60 s; state/ holds \(made); the daemon said: \(said)")
        #expect(await daemon.stop(SIGTERM, within: 10) == 0, "a clean stop, not a death by SIGTERM (143)")
    }
}
