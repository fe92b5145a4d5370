import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// All accounts' supervisors, each in a task of its own, and what changes them: SIGHUP reloads the configuration
/// (a bad one is refused and the running one kept), starting added accounts, stopping removed ones, restarting
/// changed ones and leaving the rest alone. Writes the heartbeat `mailsift status` checks, and prunes the log.
public actor AccountFleet: Service {
    private let store: StateStore
    private let book: RuleBook
    private let watcher: RuleWatcher
    private let work: NIOThreadPool
    private let logger: Logger
    private let reload: @Sendable () throws -> DaemonSetup
    /// Told of every configuration accepted on SIGHUP.
    private let companions: [any DaemonCompanion]
    private var setup: DaemonSetup
    private var running: [String: (key: String, task: Task<Void, Never>)] = [:]

    public init(
        setup: DaemonSetup, store: StateStore, book: RuleBook, watcher: RuleWatcher, work: NIOThreadPool,
        logger: Logger, reload: @escaping @Sendable () throws -> DaemonSetup, companions: [any DaemonCompanion] = []
    ) {
        self.companions = companions
        self.setup = setup
        self.store = store
        self.book = book
        self.watcher = watcher
        self.work = work
        self.logger = logger
        self.reload = reload
    }

    /// The accounts running now, by name.
    public var accountNames: [String] { running.keys.sorted() }

    public func run() async throws {
        await apply(setup)
        let heartbeat = Task { [store, setup] in
            while !Task.isCancelled {
                try? store.recordHeartbeat()
                _ = try? store.pruneLog(olderThanDays: setup.logDays)
                try? await Task.sleep(for: .seconds(60))
            }
        }
        defer { heartbeat.cancel() }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reloadConfiguration()
        }
        // Graceful shutdown: every supervisor finishes its batch, leaves IDLE and logs out.
        for (_, entry) in running { entry.task.cancel() }
        for (_, entry) in running { await entry.task.value }
        running = [:]
    }

    /// SIGHUP: a configuration that does not load is refused whole; the running one stays.
    public func reloadConfiguration() async {
        let next: DaemonSetup
        do {
            next = try reload()
        } catch {
            logger.error("the new configuration is refused; the running one is kept: \(error)")
            return
        }
        await watcher.update(next.rules)
        await apply(next)
        for companion in companions { await companion.apply(next) }
        logger.notice("configuration reloaded: \(next.accounts.count) accounts")
    }

    private func apply(_ next: DaemonSetup) async {
        for account in next.accounts {
            await book.setSpam(next.spam[account.endpoint.name], for: account.endpoint.name)
        }
        let wanted = Dictionary(next.accounts.map { ($0.endpoint.name, $0) }, uniquingKeysWith: { first, _ in first })
        let stopping = running.filter { wanted[$0.key]?.key != $0.value.key }
        for (_, entry) in stopping { entry.task.cancel() }
        // Stopped before anything starts again: two supervisors must never file the same folder at once.
        for (_, entry) in stopping { await entry.task.value }
        for (name, _) in stopping {
            running[name] = nil
            if wanted[name] == nil {
                logger.notice("account removed", metadata: ["account": "\(name)"])
                try? store.forgetAccount(name)
            }
        }
        for account in next.accounts where running[account.endpoint.name] == nil {
            let supervisor = AccountSupervisor(
                endpoint: account.endpoint, store: store, rules: book, work: work, batchSize: next.batchSize,
                idleRenewal: next.idleRenewal, pollInterval: next.pollInterval, logger: logger
            ) { [store] name, state in try? store.recordAccountState(state, account: name) }
            running[account.endpoint.name] = (account.key, Task { await supervisor.run() })
        }
        setup = next
    }
}
