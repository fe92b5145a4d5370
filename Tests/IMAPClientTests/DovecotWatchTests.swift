import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// Watching a mailbox: IDLE renewed (on every real server there is), NOOP polling where IDLE is missing and
/// NOTIFY (on the test Dovecot).
@Suite(.enabled(if: TestServer.dovecotAvailable, "needs the test Dovecot: run scripts/test.sh"))
struct DovecotWatchTests {
    /// The first event that matches, or nil if none came within `seconds` (the connection is then closed,
    /// which ends the stream: the wait is bounded either way).
    private func firstEvent(
        on connection: IMAPConnection, within seconds: Int = 20, _ match: (UntaggedResponse) -> Bool
    ) async -> UntaggedResponse? {
        let deadline = Task {
            try await Task.sleep(for: .seconds(seconds))
            await connection.close()
        }
        defer { deadline.cancel() }
        for await event in connection.events where match(event) { return event }
        return nil
    }

    /// A second connection that appends one message to `folder`.
    private func deliver(to folder: MailboxName, user: String, on server: TestServer = .dovecot) async throws {
        let writer = try await IMAPConnection.connect(server.configuration(.tls))
        try await writer.login(user: user, password: "\(user)-pass")
        try await writer.append([AppendMessage(bytes: TestServer.message(1))], to: folder)
        await writer.logout()
    }

    @Test(arguments: TestServer.all) func idleIsRenewedAndStillHearsNewMail(server: TestServer) async throws {
        let user = server.newUser()
        let (watcher, folder) = try await server.session(user)
        try await watcher.execute(.select(folder, condStore: false))
        let watching = Task { try await watcher.keepWatching(renewIdleEvery: .milliseconds(400)) }
        try await Task.sleep(for: .seconds(1.5))  // three renewals or so
        try await deliver(to: folder, user: user, on: server)
        let event = await firstEvent(on: watcher) { if case .exists(let count) = $0 { count == 1 } else { false } }
        #expect(event != nil)
        watching.cancel()
        try await watching.value  // ended IDLE cleanly
        try await watcher.execute(.noop)  // and the connection takes commands again
        await watcher.logout()
    }

    @Test func withoutIdleItPollsWithNoop() async throws {
        let user = TestServer.dovecot.newUser()
        let (watcher, folder) = try await TestServer.dovecot.session(user, basic: true)
        #expect(!watcher.hasCapability("IDLE"))
        try await watcher.execute(.select(folder, condStore: false))
        let watching = Task { try await watcher.keepWatching(pollEvery: .milliseconds(200)) }
        try await deliver(to: folder, user: user)
        let event = await firstEvent(on: watcher) { if case .exists(let count) = $0 { count == 1 } else { false } }
        #expect(event != nil)
        watching.cancel()
        try await watching.value
        await watcher.logout()
    }

    @Test func notifyReportsNewMailInAnotherFolder() async throws {
        let user = TestServer.dovecot.newUser()
        let (watcher, folder) = try await TestServer.dovecot.session(user)
        let other = MailboxName("\(folder.description)-other")
        try await watcher.execute(.create(other))
        try await watcher.execute(.select(folder, condStore: false))
        #expect(try await watcher.notify(NotifyRequest(otherMailboxes: true)))
        try await deliver(to: other, user: user)
        // NOTIFY's STATUS responses come while the connection idles (IDLE here) or between commands.
        let polling = Task { try await watcher.keepWatching() }
        defer { polling.cancel() }
        let event = await firstEvent(on: watcher) { if case .status(let name, _) = $0 { name == other } else { false } }
        #expect(event != nil)
        await watcher.close()
    }

    @Test func notifyIsSkippedWhereTheServerHasNone() async throws {
        let (connection, _) = try await TestServer.dovecot.session(basic: true)
        #expect(try await connection.notify(NotifyRequest()) == false)
        await connection.logout()
    }
}
