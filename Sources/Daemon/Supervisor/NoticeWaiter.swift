import IMAPClient
import IMAPCore

/// Waits on one connection for new mail in any of several folders (NOTIFY, RFC 5465): the selected folder's
/// changes come as EXISTS, the others' as STATUS responses, while the connection idles. Like `ChangeWaiter`,
/// notices are hints: each folder they name is searched for UIDs past its last one done, and at each renewal
/// every folder is, so a notice lost or never sent delays mail by one renewal at most.
struct NoticeWaiter {
    var connection: IMAPConnection
    var folders: [String]
    var renewIdleEvery: Duration = .seconds(28 * 60)

    /// Asks the server to report new and expunged mail in `folders`.
    func start() async throws {
        let mailboxes = folders.map { MailboxName($0) }
        try await connection.notify(NotifyRequest(flagChanges: false, mailboxes: mailboxes))
    }

    /// What woke the wait: the folders that may have new mail, in the order they were configured.
    struct Wake: Sendable {
        var folders: [String]
        /// The renewal time came (or notices were dropped): every folder is looked at, and selected again, as
        /// a folder deleted and created again under the connection is not always reported.
        var renewal = false
    }

    /// The folders named by notices that came meanwhile, or all of them at a renewal or when notices were
    /// dropped. No folder when the task is cancelled; throws when the connection fails.
    func wait(selected: String) async throws -> Wake {
        let dropped = connection.events.droppedCount
        var named = Set<String>()
        await collect(into: &named, selected: selected)
        if !named.isEmpty { return Wake(folders: ordered(named)) }
        try await connection.startIdle()
        let watched = Set(folders)
        let outcome = await IdleWait.run(on: connection, renewal: renewIdleEvery) { event in
            Self.folder(of: event, selected: selected).flatMap { watched.contains($0) ? $0 : nil }
        }
        if case .closed = outcome { throw DaemonError.pipeline("the server closed the connection during IDLE") }
        try await connection.endIdle()
        switch outcome {
        case .notice(let folder):
            named.insert(folder)
            await collect(into: &named, selected: selected)
            if connection.events.droppedCount > dropped { return Wake(folders: folders, renewal: true) }
            return Wake(folders: ordered(named))
        case .cancelled, .closed: return Wake(folders: [])
        case .renewal: return Wake(folders: folders, renewal: true)
        }
    }

    /// Takes the notices already buffered: the folders they name among those watched.
    private func collect(into named: inout Set<String>, selected: String) async {
        let watched = Set(folders)
        var events = connection.events.makeAsyncIterator()
        while connection.events.bufferedCount > 0, let event = await events.next() {
            if let folder = Self.folder(of: event, selected: selected), watched.contains(folder) {
                named.insert(folder)
            }
        }
    }

    private func ordered(_ named: Set<String>) -> [String] { folders.filter { named.contains($0) } }

    /// The folder an event says changed: the selected one for EXISTS, the one named for STATUS.
    static func folder(of event: UntaggedResponse, selected: String) -> String? {
        switch event {
        case .exists: return selected
        case .status(let mailbox, _):
            let name = mailbox.description
            return name.uppercased() == "INBOX" ? "INBOX" : name
        default: return nil
        }
    }
}
