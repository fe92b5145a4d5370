import Foundation
import IMAPClient
import IMAPCore
import Logging
import NIOPosix
import ServiceLifecycle

/// Keeps one account's mail filed: a connection catches up, then waits for new mail and files it, reconnecting
/// with backoff when anything fails. One folder is watched with IDLE (or polling); several share one
/// connection where the server has NOTIFY, and have one connection each where it has not. One account's
/// failures never reach another: each supervisor is its own service and catches everything its folders throw.
///
/// On graceful shutdown (SIGTERM) the waits end at once; a batch in flight is finished (its commands are not
/// interrupted), then IDLE is ended and the connection logged out.
public actor AccountSupervisor: Service {
    public let endpoint: AccountEndpoint
    private let store: StateStore
    private let rules: RuleBook
    private let work: NIOThreadPool
    private let backoff: Backoff
    private let logger: Logger
    private let batchSize: Int
    private let idleRenewal: Duration
    private let pollInterval: Duration
    /// Per folder, where it stands; the account's state is the worst of them.
    private var folderStates: [String: AccountState] = [:]
    /// Per folder, the failures since it last caught up: what the backoff grows with.
    private var failures: [String: Int] = [:]
    private let reporter: @Sendable (String, AccountState) -> Void
    /// The Junk folder watched to learn from the user's moves (`learn_on_move`), when it is not one of the
    /// account's own folders (one listed there is filed by the rules, as asked).
    private var learnedJunk: String?

    public init(
        endpoint: AccountEndpoint, store: StateStore, rules: RuleBook, work: NIOThreadPool,
        backoff: Backoff = Backoff(), batchSize: Int = 200, idleRenewal: Duration = .seconds(28 * 60),
        pollInterval: Duration = .seconds(60), logger: Logger,
        reporter: @escaping @Sendable (String, AccountState) -> Void = { _, _ in }
    ) {
        self.endpoint = endpoint
        self.store = store
        self.rules = rules
        self.work = work
        self.backoff = backoff
        self.batchSize = batchSize
        self.idleRenewal = idleRenewal
        self.pollInterval = pollInterval
        var logger = logger
        logger[metadataKey: "account"] = "\(endpoint.name)"
        self.logger = logger
        self.reporter = reporter
    }

    /// The account's state: a failing folder shows before a watching one.
    public var state: AccountState {
        let states = Array(folderStates.values)
        return states.first { if case .refusedCredentials = $0 { true } else { false } }
            ?? states.first { if case .backingOff = $0 { true } else { false } }
            ?? states.first { $0 == .connecting || $0 == .synchronizing }
            ?? states.first ?? .connecting
    }

    public func run() async {
        await cancelWhenGracefulShutdown { [self] in await supervise() }
        set(.stopped, for: Array(folderStates.keys))
    }

    private func supervise() async {
        var folders = endpoint.folders
        if let configured = await rules.rules(for: endpoint.name).spam?.watchedJunk,
            let junk = await junkToWatch(configured),
            !folders.contains(where: { PlanBuilder.isSameFolder($0, junk) })
        {
            learnedJunk = junk
            folders.append(junk)
        }
        if folders.count > 1 {
            await superviseTogether(folders)
        } else {
            await superviseEach(folders)
        }
    }

    /// The Junk folder to learn from (`learn_on_move`): the one the server marks `\Junk` — where the scoring
    /// sends spam, and where the user's mail client moves it —, else `configured`, created when it does not
    /// exist so that the user has it to move spam into (the scoring would create it with the first spam anyway).
    /// Asked on a connection of its own before the folders are watched; retried with the backoff while the
    /// server cannot be reached; nil once cancelled.
    private func junkToWatch(_ configured: String) async -> String? {
        while !Task.isCancelled {
            set(.connecting, for: endpoint.folders)
            var connection: IMAPConnection?
            do {
                let open = try await endpoint.connect()
                connection = open
                let entries = try await open.listMailboxes()
                let serverJunk = entries.first { $0.hasAttribute("\\Junk") }?.name.description
                if serverJunk == nil,
                    !entries.contains(where: { PlanBuilder.isSameFolder($0.name.description, configured) })
                {
                    do {
                        try await open.execute(.create(MailboxName(configured)))
                        logger.notice("created the Junk folder \(configured) for learning from the user's moves")
                    } catch let error as IMAPClientError where error.isRefused {
                        logger.warning(
                            "the Junk folder \(configured) does not exist and could not be created: \(error)")
                    }
                }
                await open.logout()
                return serverJunk ?? configured
            } catch {
                await connection?.abandon()
                guard await backOff(after: error, folders: endpoint.folders) else { return nil }
            }
        }
        return nil
    }

    private func set(_ state: AccountState, for folders: [String]) {
        let before = self.state
        for folder in folders { folderStates[folder] = state }
        if self.state != before { reporter(endpoint.name, self.state) }
    }

    /// Each folder on a connection of its own.
    private func superviseEach(_ folders: [String]) async {
        await withTaskGroup(of: Void.self) { group in
            for folder in folders {
                group.addTask { await self.superviseFolder(folder) }
            }
        }
    }

    private func superviseFolder(_ folder: String) async {
        while !Task.isCancelled {
            set(.connecting, for: [folder])
            var connection: IMAPConnection?
            do {
                let open = try await endpoint.connect()
                connection = open
                set(.synchronizing, for: [folder])
                try await file(folder, on: open)
                await open.logout()
                return
            } catch {
                // Not closed at once: a batch is finished on the next connection, and the server may still be
                // carrying out a command of this one (`abandon`).
                await connection?.abandon()
                guard await backOff(after: error, folders: [folder]) else { return }
            }
        }
    }

    /// Several folders on one connection with NOTIFY; without NOTIFY (seen on the first connection), each on
    /// its own from then on.
    private func superviseTogether(_ folders: [String]) async {
        while !Task.isCancelled {
            set(.connecting, for: folders)
            var connection: IMAPConnection?
            do {
                let open = try await endpoint.connect()
                connection = open
                guard open.hasCapability("NOTIFY") else {
                    await open.logout()
                    await superviseEach(folders)
                    return
                }
                set(.synchronizing, for: folders)
                do {
                    try await NoticeWaiter(connection: open, folders: folders).start()
                } catch let error as IMAPClientError where error.isRefused {
                    // NOTIFY announced but refused (a server that will not take one of the folders, say):
                    // failing here again at every attempt would leave every folder unfiled.
                    logger.warning(
                        "the server refused NOTIFY; each folder is watched on a connection of its own",
                        metadata: ["error": "\(error)"])
                    await open.logout()
                    await superviseEach(folders)
                    return
                }
                try await fileTogether(folders, on: open)
                await open.logout()
                return
            } catch {
                await connection?.abandon()
                guard await backOff(after: error, folders: folders) else { return }
            }
        }
    }

    /// Records the failure, logs it, and waits the backoff; false when cancelled meanwhile.
    private func backOff(after error: any Error, folders: [String]) async -> Bool {
        if Task.isCancelled { return false }
        let key = folders.joined(separator: "\u{0}")
        failures[key, default: 0] += 1
        let refused = (error as? IMAPClientError)?.isAuthenticationFailure == true
        let delay = backoff.delay(failures: failures[key] ?? 1, refusedLogin: refused)
        let until = Date().addingTimeInterval(Double(delay.components.seconds))
        let why = "\(error)"
        set(
            refused ? .refusedCredentials(until: until, lastError: why) : .backingOff(until: until, lastError: why),
            for: folders)
        logger.warning(
            "\(refused ? "login refused" : "connection failed"); next attempt in \(delay.components.seconds) s",
            metadata: ["folder": "\(folders.joined(separator: ", "))", "error": "\(why)"])
        do { try await Task.sleep(for: delay) } catch { return false }
        return true
    }

    /// How often, at most, the quota is asked again while mail arrives: the archive schedule archives an account
    /// whose use passes its start, and a mailbox fills as mail arrives, not otherwise.
    static let quotaRefresh: Duration = .seconds(600)

    /// GETQUOTAROOT INBOX, for status: the first storage report. A server without QUOTA has nothing to say.
    private func recordQuota(_ connection: IMAPConnection) async {
        guard connection.hasCapability("QUOTA") else { return }
        guard let completion = try? await connection.execute(.getQuotaRoot(.inbox)) else { return }
        for case .quota(_, let resources) in completion.untagged {
            for resource in resources {
                try? store.recordQuota(
                    account: endpoint.name, resource: resource.name.uppercased(), usage: resource.usage,
                    limit: resource.limit)
            }
        }
    }

    /// Catches up, then files as mail arrives, until cancelled (returns) or the connection fails (throws).
    private func file(_ folder: String, on connection: IMAPConnection) async throws {
        var filer = FolderFiler(
            account: endpoint.name, folder: folder, connection: connection, store: store,
            rules: await rules.rules(for: endpoint.name), work: work, logger: logger)
        filer.batchSize = batchSize
        filer.learnsSpam = folder == learnedJunk
        let opened = try await filer.open()
        var waiter = ChangeWaiter(connection: connection, folder: folder, uidValidity: opened.uidValidity)
        waiter.renewIdleEvery = idleRenewal
        waiter.pollEvery = pollInterval
        await waiter.discardNotices()
        try await filer.fileNew()
        let recordsQuota = folder == endpoint.folders.first
        var quotaSeen = ContinuousClock.now
        if recordsQuota { await recordQuota(connection) }
        failures[folder] = nil
        set(.watching, for: [folder])
        while !Task.isCancelled {
            try await waiter.wait()
            if Task.isCancelled { return }
            let woke = ContinuousClock.now
            filer.rules = await rules.rules(for: endpoint.name)
            await waiter.discardNotices()
            let filed = try await filer.fileNew()
            if recordsQuota, filed > 0, ContinuousClock.now - quotaSeen >= Self.quotaRefresh {
                quotaSeen = ContinuousClock.now
                await recordQuota(connection)
            }
            if filed > 0 {
                // What scripts/bench-latency.sh reads: from the server's notice to the last answer of the batch.
                let elapsed = ContinuousClock.now - woke
                let milliseconds =
                    Double(elapsed.components.attoseconds) / 1e15
                    + Double(elapsed.components.seconds) * 1000
                logger.debug(
                    "filed \(filed) in \(String(format: "%.1f", milliseconds)) ms after the server's notice",
                    metadata: ["folder": "\(folder)"])
            }
        }
    }

    /// Catches up every folder, then files each as the server reports new mail in it, on one connection where
    /// NOTIFY was set; returns when cancelled, throws when the connection fails.
    private func fileTogether(_ folders: [String], on connection: IMAPConnection) async throws {
        var filers: [String: FolderFiler] = [:]
        for folder in folders {
            var filer = FolderFiler(
                account: endpoint.name, folder: folder, connection: connection, store: store,
                rules: await rules.rules(for: endpoint.name), work: work, logger: logger)
            filer.batchSize = batchSize
            filer.learnsSpam = folder == learnedJunk
            filers[folder] = filer
        }
        var waiter = NoticeWaiter(connection: connection, folders: folders)
        waiter.renewIdleEvery = idleRenewal
        var selected: String?
        var watching = Set<String>()
        for folder in folders {
            if try await catchUp(&filers[folder]!, waiter: &waiter, selected: &selected, renewal: true) {
                watching.insert(folder)
            }
        }
        await recordQuota(connection)
        var quotaSeen = ContinuousClock.now
        failures[folders.joined(separator: "\u{0}")] = nil
        set(.watching, for: folders.filter { watching.contains($0) })
        while !Task.isCancelled {
            let wake = try await waiter.wait(selected: selected ?? "")
            for folder in wake.folders where !Task.isCancelled {
                let caughtUp = try await catchUp(
                    &filers[folder]!, waiter: &waiter, selected: &selected, renewal: wake.renewal)
                if caughtUp, watching.insert(folder).inserted { set(.watching, for: [folder]) }
                if !caughtUp { watching.remove(folder) }
            }
            if ContinuousClock.now - quotaSeen >= Self.quotaRefresh {
                quotaSeen = ContinuousClock.now
                await recordQuota(connection)
            }
        }
    }

    /// Files the folder's new mail with the rules now in force; selects it first when another is selected or
    /// at a renewal (settling a batch left under way, or a changed UIDVALIDITY). The notices of the folder
    /// left are taken before the SELECT (`NoticeWaiter.leave`): an EXISTS says nothing of its folder.
    ///
    /// A folder that fails on its own (the server refuses to open it: deleted or renamed on the server, a typo
    /// in the configuration; its batch record cannot be read; the server busy with it for now) is left aside
    /// until the next renewal, and false returned: on a shared connection, throwing would stop the other
    /// folders' filing too, and for ever when the cause lasts. Only a failing connection is thrown.
    private func catchUp(
        _ filer: inout FolderFiler, waiter: inout NoticeWaiter, selected: inout String?, renewal: Bool
    ) async throws -> Bool {
        filer.rules = await rules.rules(for: endpoint.name)
        do {
            if renewal || filer.folder != selected {
                if let selected { await waiter.leave(selected) }
                selected = nil
                _ = try await filer.open()
                selected = filer.folder
                await waiter.entered()
            }
            try await filer.fileNew()
            return true
        } catch let error where Self.concernsOnlyTheFolder(error) {
            // Opened again at its next visit: a batch it left under way is then finished.
            selected = nil
            let until = Date().addingTimeInterval(Double(idleRenewal.components.seconds))
            set(.backingOff(until: until, lastError: "\(error)"), for: [filer.folder])
            logger.warning(
                "the folder failed; the others go on, and it is tried again at the next renewal",
                metadata: ["folder": "\(filer.folder)", "error": "\(error)"])
            return false
        }
    }

    /// Whether `error` leaves the connection usable: a NO about the folder, or the daemon's own failure there.
    private static func concernsOnlyTheFolder(_ error: any Error) -> Bool {
        if let error = error as? IMAPClientError { return error.refusesForGood }
        return error is DaemonError
    }
}
