import Dispatch
import Glibc
import ServiceLifecycle
import Synchronization

/// SIGTERM and SIGINT from the moment the daemon starts. The service group listens for them only once it runs,
/// after the state store is opened and every account's rules are compiled; a signal before that would end the
/// process at once, without the clean stop (exit 0) that `systemctl stop` right after a start expects. The
/// latch takes such a signal and hands it to the group as soon as there is one.
/// (`@unchecked`: `sources` is set once in `init` and only cancelled after; dispatch sources are thread-safe.)
public final class ShutdownLatch: @unchecked Sendable {
    private let state = Mutex<(requested: Bool, group: ServiceGroup?)>((false, nil))
    private let sources: [any DispatchSourceSignal]

    public init() {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            // Ignored by default, so that only the source sees it (ServiceLifecycle does the same).
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
        }
    }

    deinit { for source in sources { source.cancel() } }

    /// Whether a stop was asked for.
    public var isRequested: Bool { state.withLock { $0.requested } }

    func request() {
        let group = state.withLock { state in
            state.requested = true
            return state.group
        }
        if let group { Task { await group.triggerGracefulShutdown() } }
    }

    /// From now on a signal stops `group`; one that came already does at once (a group not yet running
    /// remembers it, and stops gracefully as soon as it starts).
    func attach(_ group: ServiceGroup) async {
        let requested = state.withLock { state in
            state.group = group
            return state.requested
        }
        if requested { await group.triggerGracefulShutdown() }
    }
}
