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
    /// Folders named by notices taken before another folder was selected (`leave`), not yet woken for.
    var noticed = Set<String>()
    /// The events dropped when `wait` last looked: more since means notices were lost, during a wait or while
    /// the folders were being filed.
    var droppedSeen = 0

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
    mutating func wait(selected: String) async throws -> Wake {
        var named = noticed
        noticed = []
        await collect(into: &named, selected: selected)
        if droppedSinceLastLook() { return Wake(folders: folders, renewal: true) }
        if !named.isEmpty { return Wake(folders: ordered(named)) }
        try await connection.startIdle()
        let watched = watchedByName
        let outcome = await IdleWait.run(on: connection, renewal: renewIdleEvery) { event in
            Self.folder(of: event, selected: selected).flatMap { watched[$0] }
        }
        if case .closed = outcome { throw DaemonError.pipeline("the server closed the connection during IDLE") }
        try await connection.endIdle()
        switch outcome {
        case .notice(let folder):
            named.insert(folder)
            await collect(into: &named, selected: selected)
            if droppedSinceLastLook() { return Wake(folders: folders, renewal: true) }
            return Wake(folders: ordered(named))
        case .cancelled, .closed: return Wake(folders: [])
        case .renewal:
            _ = droppedSinceLastLook()
            return Wake(folders: folders, renewal: true)
        }
    }

    /// Called before another folder is selected: the notices buffered so far are taken now, while an EXISTS
    /// among them still means `selected` (mail that came while it was being filed; the server does not say it
    /// again). Left buffered, it was read at the next wait as news of the folder selected then, and the mail
    /// waited for the next renewal.
    mutating func leave(_ selected: String) async {
        await collect(into: &noticed, selected: selected)
    }

    /// Called once a folder is selected, before it is searched: its SELECT's EXISTS is no news (the search
    /// covers it), and would otherwise bring the folder to be selected again at the next wait. Other folders'
    /// notices are kept.
    mutating func entered() async {
        await collect(into: &noticed, selected: nil)
    }

    private mutating func droppedSinceLastLook() -> Bool {
        let now = connection.events.droppedCount
        defer { droppedSeen = now }
        return now > droppedSeen
    }

    /// Takes the notices already buffered: the folders they name among those watched (an EXISTS counts for
    /// `selected`, for none when nil).
    private func collect(into named: inout Set<String>, selected: String?) async {
        let watched = watchedByName
        var events = connection.events.makeAsyncIterator()
        while connection.events.bufferedCount > 0, let event = await events.next() {
            if let name = Self.folder(of: event, selected: selected), let folder = watched[name] {
                named.insert(folder)
            }
        }
    }

    /// The watched folders by the name notices give them: INBOX is INBOX in any case (a folder configured as
    /// "inbox" is reported as "INBOX"), other names are compared as they are.
    private var watchedByName: [String: String] {
        Dictionary(folders.map { (Self.canonical($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func canonical(_ name: String) -> String { name.uppercased() == "INBOX" ? "INBOX" : name }

    private func ordered(_ named: Set<String>) -> [String] { folders.filter { named.contains($0) } }

    /// The folder an event says changed: the selected one for EXISTS, the one named for STATUS.
    static func folder(of event: UntaggedResponse, selected: String?) -> String? {
        switch event {
        case .exists: return selected.map(canonical)
        case .status(let mailbox, _): return canonical(mailbox.description)
        default: return nil
        }
    }
}
