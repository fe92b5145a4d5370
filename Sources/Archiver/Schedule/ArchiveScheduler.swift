import Archive
import Daemon
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// The daemon's archiving (`[archive] schedule`): each enabled account is archived at its slot
/// (`ArchiveSlots`), and at once when the quota use the daemon last saw passes its `quota_start_percent`; in
/// between, when no run is under way, the stores' blocks are settled (recompressed small) a slice at a time.
///
/// At most `concurrentRuns` accounts are archived at once: each run holds a connection and fetches whole
/// messages. A run's outcome is kept in the state store for `mailsift status`. Without a schedule it does
/// nothing: archiving deletes mail from the server and is only done when asked for.
public actor ArchiveScheduler: DaemonCompanion {
    private var configuration: DaemonConfiguration
    private let store: StateStore
    private let logger: Logger
    /// One thread for settling: it never takes more than one core from filing.
    private let settling: NIOThreadPool
    /// When each account runs next.
    private var due: [String: Date] = [:]
    /// Accounts whose store may hold blocks not yet settled.
    private var unsettled: Set<String> = []
    /// When each account last ran for its quota: a quota that archiving cannot bring down (the mail is recent,
    /// or flagged) is not retried at every check.
    private var quotaRuns: [String: Date] = [:]
    private var wake: CheckedContinuation<Void, Never>?

    public var concurrentRuns = 2
    public var quotaCheckEvery: Duration = .seconds(300)
    public var quotaRetryAfter: TimeInterval = 3_600
    /// The longest settle slice; as long a pause follows, so settling takes at most half a core on average.
    public var settleSlice: Double = 10
    public var calendar = Calendar.current

    public init(configuration: DaemonConfiguration, store: StateStore, logger: Logger) {
        self.configuration = configuration
        self.store = store
        var logger = logger
        logger[metadataKey: "job"] = "archive"
        self.logger = logger
        settling = NIOThreadPool(numberOfThreads: 1)
    }

    /// For tests: how often the quota is looked at, and how many accounts run at once.
    public func tune(quotaCheckEvery: Duration? = nil, concurrentRuns: Int? = nil, settleSlice: Double? = nil) {
        if let quotaCheckEvery { self.quotaCheckEvery = quotaCheckEvery }
        if let concurrentRuns { self.concurrentRuns = max(1, concurrentRuns) }
        if let settleSlice { self.settleSlice = settleSlice }
    }

    public func apply(_ setup: DaemonSetup) async {
        guard let next = setup.configuration else { return }
        configuration = next
        due = [:]
        wakeUp()
    }

    public func run() async throws {
        settling.start()
        defer { settling.shutdownGracefully { _ in } }
        if let schedule = configuration.archive.schedule {
            logger.notice("archiving \(schedule)")
        }
        unsettled = Set(accounts.map(\.name))
        await cancelWhenGracefulShutdown { [self] in await loop() }
    }

    private var accounts: [AccountConfiguration] {
        guard configuration.archive.schedule != nil else { return [] }
        return configuration.enabledAccounts.filter { AccountArchivePolicy(configuration, account: $0).enabled }
    }

    private func loop() async {
        var lastQuotaCheck = ContinuousClock.now - quotaCheckEvery
        while !Task.isCancelled {
            guard let schedule = configuration.archive.schedule else {
                await sleep(for: .seconds(3_600))
                continue
            }
            let now = Date()
            var runs: [(AccountConfiguration, ArchiveRunRecord.Trigger)] = []
            for account in accounts {
                if due[account.name] == nil {
                    let last = (try? store.lastArchiveRun(account: account.name))?.map {
                        Date(timeIntervalSince1970: TimeInterval($0.startedAt))
                    }
                    due[account.name] = ArchiveSlots.due(
                        account: account.name, schedule: schedule, lastRun: last, now: now, calendar: calendar)
                }
                if let at = due[account.name], at <= now { runs.append((account, .schedule)) }
            }
            if ContinuousClock.now - lastQuotaCheck >= quotaCheckEvery {
                lastQuotaCheck = ContinuousClock.now
                runs += overQuota(now: now, except: Set(runs.map(\.0.name)))
            }
            if !runs.isEmpty {
                await archive(runs)
                continue
            }
            let next = due.values.min() ?? now.addingTimeInterval(3_600)
            let untilQuota = quotaCheckEvery - (ContinuousClock.now - lastQuotaCheck)
            var wait = min(Duration.seconds(max(0, next.timeIntervalSinceNow)), untilQuota)
            if wait > .seconds(60), let slice = await settleOneSlice() {
                wait = min(wait, .seconds(slice))
            }
            await sleep(for: max(wait, .milliseconds(50)))
        }
    }

    /// Accounts whose last seen STORAGE use passes their `quota_start_percent`, not run for it lately.
    private func overQuota(now: Date, except: Set<String>) -> [(AccountConfiguration, ArchiveRunRecord.Trigger)] {
        let byName = Dictionary(accounts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let starts = byName.mapValues { AccountArchivePolicy(configuration, account: $0).quota?.startPercent }
        guard let over = try? store.accountsOverQuota(percent: { starts[$0] ?? nil }) else { return [] }
        return over.keys.sorted().compactMap { name in
            guard !except.contains(name), let account = byName[name] else { return nil }
            if let last = quotaRuns[name], now.timeIntervalSince(last) < quotaRetryAfter { return nil }
            quotaRuns[name] = now
            logger.notice(
                "quota use \(String(format: "%.1f", over[name] ?? 0))% is past its start: archiving now",
                metadata: ["account": "\(name)"])
            return (account, .quota)
        }
    }

    /// Runs the accounts, `concurrentRuns` at a time; each one's next slot is set when it starts.
    private func archive(_ runs: [(AccountConfiguration, ArchiveRunRecord.Trigger)]) async {
        let configuration = self.configuration
        for (account, _) in runs {
            if let schedule = configuration.archive.schedule {
                due[account.name] = ArchiveSlots.next(
                    after: Date(), account: account.name, schedule: schedule, calendar: calendar)
            }
        }
        let limit = concurrentRuns
        let logger = self.logger
        let store = self.store
        await withTaskGroup(of: String?.self) { group in
            var started = 0
            for (account, trigger) in runs {
                if Task.isCancelled { break }
                if started >= limit, let name = await group.next() { if let name { unsettled.insert(name) } }
                started += 1
                group.addTask {
                    await Self.archive(
                        account, trigger: trigger, configuration: configuration, store: store, logger: logger)
                }
            }
            for await name in group { if let name { unsettled.insert(name) } }
        }
    }

    /// One account's run, recorded; returns the account's name when it archived something (to be settled).
    private static func archive(
        _ account: AccountConfiguration, trigger: ArchiveRunRecord.Trigger, configuration: DaemonConfiguration,
        store: StateStore, logger: Logger
    ) async -> String? {
        let archiver = AccountArchiver(configuration, account: account)
        let started = Date()
        var report: AccountRunReport?
        var failure: String?
        do {
            let connection = try await archiver.connect()
            do {
                report = try await archiver.run(on: connection)
                await connection.logout()
            } catch {
                await connection.abandon()
                throw error
            }
        } catch is CancellationError {
            failure = "stopped by the daemon's shutdown; the next run takes up the rest"
        } catch {
            failure = "\(error)"
        }
        let record = archiver.record(report, failure: failure, trigger: trigger, startedAt: started)
        do {
            try archiver.keep(record, quotaAfter: report?.quotaAfter, in: store)
        } catch {
            logger.error("the archive run could not be recorded: \(error)", metadata: ["account": "\(account.name)"])
        }
        if let failure {
            logger.error("archive run failed: \(failure)", metadata: ["account": "\(account.name)"])
        } else if let report {
            let left = report.leftOnServer > 0 ? ", \(report.leftOnServer) archived but left there" : ""
            logger.notice(
                "archived \(report.archived) messages, \(report.expunged) deleted from the server\(left)",
                metadata: ["account": "\(account.name)", "trigger": "\(trigger.rawValue)"])
        }
        return (report?.archived ?? 0) > 0 ? account.name : nil
    }

    /// The pause before settling a store again whose lock another writer holds.
    static let busyRetry: Double = 10

    /// Settles one store for at most `settleSlice` seconds, on the settling thread; returns how long it took
    /// (the pause to make before the next slice), nil when nothing is left to settle.
    private func settleOneSlice() async -> Double? {
        let byName = Dictionary(accounts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        while let name = unsettled.sorted().first {
            guard let account = byName[name] else {
                unsettled.remove(name)
                continue
            }
            let directory = AccountArchiver(configuration, account: account).storeDirectory
            guard FileManager.default.fileExists(atPath: directory) else {
                unsettled.remove(name)
                continue
            }
            let slice = settleSlice
            let started = ContinuousClock.now
            let outcome: SettleReport
            do {
                outcome = try await settling.runIfActive { () throws -> SettleReport in
                    let store = try ArchiveStore(directory: directory, mode: .readWrite)
                    return try store.settle(maxSeconds: slice)
                }
            } catch let error as ArchiveError where error.isInUse {
                // An `archive` command holds the store's lock, or the run that just ended has not let go of it
                // yet: tried again shortly, not only after the account's next run (a day later).
                return Self.busyRetry
            } catch {
                // Damaged (verify says how) or unreadable: tried again after the account's next run.
                logger.warning("cannot settle the archive: \(error)", metadata: ["account": "\(name)"])
                unsettled.remove(name)
                return 0
            }
            let took = ContinuousClock.now - started
            if !outcome.stoppedAtLimit { unsettled.remove(name) }
            if outcome.blocksSettled > 0 || outcome.textIndex.indexed > 0 {
                let text = "indexed the text of \(outcome.textIndex.indexed) messages"
                logger.info(
                    "settled \(outcome.blocksSettled) blocks: \(outcome.bytesBefore) → \(outcome.bytesAfter) bytes; \(text)",
                    metadata: ["account": "\(name)"])
            }
            return took.seconds
        }
        return nil
    }

    /// Sleeps `duration`, or until a reload or the shutdown wakes it.
    private func sleep(for duration: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: duration)
            if !Task.isCancelled { await self?.wakeUp() }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume() } else { wake = continuation }
            }
        } onCancel: {
            Task { await self.wakeUp() }
        }
        timer.cancel()
    }

    private func wakeUp() {
        wake?.resume()
        wake = nil
    }
}
