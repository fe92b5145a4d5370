import IMAPClient
import IMAPCore

/// Waits on a selected folder until the server reports a change (new mail, mostly), with IDLE where the server
/// has it and NOOP polling where it has not. Events are hints only: after every wait the folder is searched for
/// UIDs past the last one done, so a dropped or merged event loses nothing.
struct ChangeWaiter {
    var connection: IMAPConnection
    /// IDLE is ended and sent again this often: servers drop an IDLE after 30 minutes (RFC 2177), and DONE
    /// without an answer shows a dead connection.
    var renewIdleEvery: Duration = .seconds(28 * 60)
    var pollEvery: Duration = .seconds(60)

    /// Returns when there may be new mail, or when the task is cancelled (IDLE ended cleanly in both cases).
    /// Throws when the connection fails.
    func wait() async throws {
        // Anything reported before now was covered by the search that just ran.
        var events = connection.events.makeAsyncIterator()
        while connection.events.bufferedCount > 0 { _ = await events.next() }
        guard connection.hasCapability("IDLE") else {
            try await Task.sleep(for: pollEvery)
            try await connection.execute(.noop)
            return
        }
        try await connection.startIdle()
        let connection = self.connection
        let renew = renewIdleEvery
        let closed = await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                var events = connection.events.makeAsyncIterator()
                while let event = await events.next() {
                    if case .bye = event { return true }
                    if event.reportsMailboxChange { return false }
                }
                // nil: the connection closed, or the wait was cancelled.
                return Task.isCancelled ? false : true
            }
            group.addTask {
                try? await Task.sleep(for: renew)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
        if closed { throw DaemonError.pipeline("the server closed the connection during IDLE") }
        try await connection.endIdle()
    }
}
