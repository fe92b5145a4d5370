import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Daemon

/// A run that dies while its COPY is under way leaves the server making that copy, possibly after the next run's
/// recovery has looked for it (a killed daemon's socket is closed by the kernel, and a busy server finishes the
/// command it read first). Recovery waits for a copy the dead run sent; each message is copied once.
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct LateCopyTests {
    /// The server side of the dead run: its COPY is made `delay` after the crash (on a session of its own, as the
    /// dead run's server process would), or never (`delay` nil: the server refused it with the end of stream).
    final class LateCopyServer: FilingServerWrapper, @unchecked Sendable {
        struct Crash: Error {}
        let base: any FilingServer
        let late: IMAPConnection
        let delay: Duration?
        private(set) var lateCopy: Task<Void, any Error>?

        init(_ base: any FilingServer, late: IMAPConnection, delay: Duration?) {
            self.base = base
            self.late = late
            self.delay = delay
        }

        func copy(_ uids: [UInt32], to mailbox: String) async throws {
            if let delay {
                let late = self.late
                lateCopy = Task {
                    try await Task.sleep(for: delay)
                    _ = try await late.copyMessages(UIDSet(uids: uids), to: MailboxName(mailbox))
                }
            }
            throw Crash()
        }
    }

    /// The copy lands 1.5 s after the crash, while the next run recovers (the race CI's kill -9 test met), or
    /// never: either way each message ends with exactly one copy.
    @Test(arguments: [1.5, nil] as [Double?])
    func aCopyTheDeadRunSentIsWaitedForNotMadeTwice(delaySeconds: Double?) async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let connection = try await DaemonTestAccounts.connect(user)
        for name in ["Listes", "Archives"] { try await connection.execute(.create(MailboxName(name))) }
        var filer = try FolderFilerTests.filer(connection, user: user, folder: "INBOX", store: store)
        _ = try await filer.open()
        let ids = try await FolderFilerTests.append(10, to: "INBOX", connection, subject: nil)
        let late = try await DaemonTestAccounts.connect(user)
        _ = try await late.select(MailboxName("INBOX"))
        let dying = LateCopyServer(filer.server, late: late, delay: delaySeconds.map { .milliseconds(Int($0 * 1000)) })
        filer.server = dying
        await #expect(throws: LateCopyServer.Crash.self) { try await filer.fileNew() }
        #expect(try store.copiesSent(account: user, folder: "INBOX").map(\.mailbox) == ["Archives"])
        await connection.close()

        let again = try await DaemonTestAccounts.connect(user)
        var restarted = try FolderFilerTests.filer(again, user: user, folder: "INBOX", store: store)
        restarted.lateCopyWait = .seconds(4)
        _ = try await restarted.open()
        try await dying.lateCopy?.value
        try await restarted.fileNew()
        await again.logout()
        await late.logout()
        try await FolderFilerTests.expectFiled(ids, user: user, folder: "INBOX")
        #expect(try store.pendingBatch(account: user, folder: "INBOX") == nil)
        #expect(try store.copiesSent(account: user, folder: "INBOX").isEmpty, "the notes end with the batch")
    }
}
