import IMAPClient
import IMAPCore

/// One IDLE, already started, waited out: until the first event `notice` picks, the connection closing, the
/// task being cancelled, or `renewal` passing — whichever comes first. The caller ends the IDLE.
enum IdleWait<Notice: Sendable>: Sendable {
    case notice(Notice)
    /// A BYE, or the connection gone.
    case closed
    case cancelled
    case renewal

    static func run(
        on connection: IMAPConnection, renewal: Duration,
        notice: @escaping @Sendable (UntaggedResponse) -> Notice?
    ) async -> IdleWait {
        await withTaskGroup(of: IdleWait.self) { group in
            group.addTask {
                var events = connection.events.makeAsyncIterator()
                while let event = await events.next() {
                    if case .bye = event { return .closed }
                    if let picked = notice(event) { return .notice(picked) }
                }
                // The events end when the connection closes, or when the wait is cancelled.
                return Task.isCancelled ? .cancelled : .closed
            }
            group.addTask {
                do { try await Task.sleep(for: renewal) } catch { return .cancelled }
                return .renewal
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
    }
}
