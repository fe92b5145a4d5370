import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// The daemon as one call: the state store, the rules and their watcher, one supervisor per account, run as a
/// service group until SIGTERM or SIGINT (graceful: batches in flight finish, IDLE ends, connections log out).
public enum MailsiftDaemon {
    /// Runs until a shutdown signal. `reload` builds the setup again on SIGHUP; `load` compiles rule folders;
    /// `companions` makes the jobs that run beside filing (the archive schedule) once the state store is open.
    public static func run(
        setup: DaemonSetup, stateDirectory: String, logger: Logger,
        reload: @escaping @Sendable () throws -> DaemonSetup,
        load: @escaping RuleWatcher.Loader, shutdown: ShutdownLatch = ShutdownLatch(),
        companions: (StateStore) -> [any DaemonCompanion] = { _ in [] }
    ) async throws {
        let lock = try DaemonLock(stateDirectory: stateDirectory)
        defer { withExtendedLifetime(lock) {} }
        let store = try StateStore(directory: stateDirectory)
        try store.recordStart(pid: getpid())
        // Parsing and Sieve run here, never on the cooperative pool, where they would delay IMAP timers and IDLE.
        let work = NIOThreadPool(numberOfThreads: max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)))
        work.start()
        let book = RuleBook()
        let watcher = RuleWatcher(layout: setup.rules, book: book, store: store, logger: logger, load: load)
        await watcher.loadAll()
        let extra = companions(store)
        let fleet = AccountFleet(
            setup: setup, store: store, book: book, watcher: watcher, work: work, logger: logger, reload: reload,
            companions: extra)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: watcher),
                    .init(service: fleet, successTerminationBehavior: .gracefullyShutdownGroup),
                ] + extra.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        await shutdown.attach(group)
        let count = setup.accounts.count
        logger.notice("mailsift is running: \(count) \(count == 1 ? "account" : "accounts")")
        defer { try? store.recordStop() }
        try await group.run()
        try? await work.shutdownGracefully()
        logger.notice("mailsift stopped")
    }
}
