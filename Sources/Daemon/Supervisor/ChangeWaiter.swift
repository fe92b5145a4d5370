import IMAPClient
import IMAPCore

/// Waits on a selected folder until the server reports a change (new mail, mostly), with IDLE where the server
/// has it and NOOP polling where it has not. Events are hints only: after every wait the folder is searched for
/// UIDs past the last one done, so a dropped or merged event loses nothing.
struct ChangeWaiter {
    var connection: IMAPConnection
    /// The folder watched and the UIDVALIDITY it was opened with: a folder deleted and created again under a
    /// connection that has it selected is not always reported (Dovecot says nothing, and its STATUS of the
    /// selected folder still gives the old UIDVALIDITY), so at each renewal the folder is selected again, and a
    /// changed UIDVALIDITY ends the connection (the next one rescans).
    var folder: String
    var uidValidity: UInt32
    /// IDLE is ended and sent again this often: servers drop an IDLE after 30 minutes (RFC 2177), and DONE
    /// without an answer shows a dead connection.
    var renewIdleEvery: Duration = .seconds(28 * 60)
    var pollEvery: Duration = .seconds(60)

    /// Forgets what the server reported so far: called just before a search, which covers all of it.
    func discardNotices() async {
        var events = connection.events.makeAsyncIterator()
        while connection.events.bufferedCount > 0 { _ = await events.next() }
    }

    /// Returns when there may be new mail, or when the task is cancelled (IDLE ended cleanly in both cases).
    /// Throws when the connection fails.
    func wait() async throws {
        // Reported since the last search (`discardNotices`): an EXISTS is mail that arrived after it, while the
        // batch ran (Dovecot does not say it again at IDLE), so it sends the caller to search again at once.
        var events = connection.events.makeAsyncIterator()
        var arrived = false
        while connection.events.bufferedCount > 0 {
            if case .exists? = await events.next() { arrived = true }
        }
        if arrived { return }
        guard connection.hasCapability("IDLE") else {
            try await Task.sleep(for: pollEvery)
            try await connection.execute(.noop)
            try await checkUIDValidity()
            return
        }
        try await connection.startIdle()
        let outcome = await IdleWait.run(on: connection, renewal: renewIdleEvery) { event in
            event.reportsMailboxChange ? true : nil
        }
        if case .closed = outcome { throw DaemonError.pipeline("the server closed the connection during IDLE") }
        try await connection.endIdle()
        if case .renewal = outcome { try await checkUIDValidity() }
    }

    private func checkUIDValidity() async throws {
        let now = try await connection.select(MailboxName(folder)).uidValidity
        if now != uidValidity {
            throw DaemonError.pipeline(
                "the UIDVALIDITY of \(folder) changed (\(uidValidity) → \(now)): the folder was recreated; reconnecting"
            )
        }
    }
}
