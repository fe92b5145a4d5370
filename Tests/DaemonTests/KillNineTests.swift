import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Daemon

/// `mailsift run` killed with SIGKILL at random moments while it files 2,000 messages with rules that move, copy
/// and flag, and restarted after each: at the end every message is in the folders its rules name, exactly once,
/// with its flags.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct KillNineTests {
    @Test func killedTwentyTimesWhileFilingTwoThousandMessagesEachIsFiledOnce() async throws {
        let user = DaemonTestAccounts.newHeavyUser()
        let root = TemporaryFolder("daemon")
        defer { root.remove() }
        try FileManager.default.createDirectory(atPath: root.path + "/rules/\(user)", withIntermediateDirectories: true)
        try Data(FolderFilerTests.rules.utf8).write(to: URL(fileURLWithPath: root.path + "/rules/\(user)/10-tri.sieve"))
        let secret = root.path + "/secret"
        FileManager.default.createFile(
            atPath: secret, contents: Data(DaemonTestAccounts.password(user).utf8),
            attributes: [.posixPermissions: 0o600])
        let config = root.path + "/mailsift.toml"
        try Data(
            ("""
            state_dir = "\(root.path)/state"
            user_rules = "\(root.path)/rules"
            batch_size = 25

            """ + LiveDaemonTests.account(user, secret: secret)).utf8
        ).write(to: URL(fileURLWithPath: config))
        let log = root.path + "/daemon.log"
        let setup = try await DaemonTestAccounts.connect(user)
        for name in ["Listes", "Archives"] { try await setup.execute(.create(MailboxName(name))) }

        var daemon = try DaemonProcess(["run", "--config", config], log: log)
        let store = try StateStore(directory: root.path + "/state")
        func filed() throws -> Int { try store.filedCount(since: 0, account: user) }
        // The first start only records where the INBOX stands: wait for it before mail arrives.
        #expect(
            try await eventually(180) {
                try StatusReport.read(from: store, accounts: [user]).accounts[0].state == "watching"
            })

        var ids: [String: String] = [:]
        var kills = 0
        var midBatch = 0
        var generator = SystemRandomNumberGenerator()
        while kills < 24 {
            if ids.count < 2000 {
                for (id, subject) in try await FolderFilerTests.append(100, to: "INBOX", setup) { ids[id] = subject }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...400, using: &generator)))
            #expect(await daemon.stop(SIGKILL) == 128 + SIGKILL)
            kills += 1
            if try store.pendingBatch(account: user, folder: "INBOX") != nil { midBatch += 1 }
            daemon = try DaemonProcess(["run", "--config", config], log: log)
        }
        #expect(ids.count == 2000)
        // What the daemons said, for a failure's message: the last lines that are not routine.
        func logTail() -> String {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? "(no log)"
            let lines = text.split(separator: "\n").filter { !$0.contains(" info ") && !$0.contains("rule pack ") }
            return lines.suffix(40).joined(separator: "\n")
        }
        let allFiled = try await eventually(300) { try filed() >= 2000 }
        let count = try filed()
        #expect(allFiled, "\(count) of 2000 filed after 300 s; the daemons' log ends:\n\(logTail())")
        // The last daemon may have been started a moment ago, with everything filed already: it must be past
        // its first instructions (a SIGTERM before `main` runs can only kill it) before it is asked to stop.
        #expect(try await eventually { try StatusReport.read(from: store, accounts: [user]).pid == daemon.pid })
        #expect(await daemon.stop(SIGTERM) == 0, "a clean stop after SIGTERM")
        #expect(try filed() == 2000, "one line in the processing log per message: none filed twice")
        #expect(midBatch > 0, "some kills fell in the middle of a batch (\(midBatch) of \(kills))")
        print("kill -9: \(kills) kills, \(midBatch) in the middle of a batch")
        try await FolderFilerTests.expectFiled(ids, user: user, folder: "INBOX")
        await setup.logout()
    }
}
