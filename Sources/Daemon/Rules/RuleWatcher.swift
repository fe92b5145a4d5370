import Foundation
import Logging
import ServiceLifecycle

/// Keeps every account's rules current: the administrator's folder, then `<user_rules>/<account>`, compiled as
/// one sequence whenever a file in them changes (inotify; and every `rescanEvery` anyway).
///
/// A rule set that does not compile whole is reported (log and status, each error with file:line:col) and the
/// last good one keeps running; an account that never had a good one runs the administrator's rules alone. A
/// user folder that is removed means no rules of that user's own, not an error.
public actor RuleWatcher: Service {
    public struct Layout: Sendable, Hashable {
        public var administratorFolder: String?
        public var userRoot: String
        public var accounts: [String]
        /// The shipped rule packs in force (`[spam] rule_packs`), run before the administrator's own scripts.
        public var packFolders: [String]

        public init(administratorFolder: String?, userRoot: String, accounts: [String], packFolders: [String] = []) {
            self.administratorFolder = administratorFolder
            self.userRoot = userRoot
            self.accounts = accounts
            self.packFolders = packFolders
        }

        /// What runs before each user's own scripts: the packs, then the administrator's folder.
        var sharedFolders: [String] { packFolders + (administratorFolder.map { [$0] } ?? []) }

        func userFolder(_ account: String) -> String { (userRoot as NSString).appendingPathComponent(account) }

        /// Folders to watch: the administrator's (and its global/), the root (a user's folder appearing), each
        /// user's folder.
        var folders: Set<String> {
            var folders: Set<String> = [userRoot]
            folders.formUnion(packFolders)
            if let administratorFolder {
                folders.insert(administratorFolder)
                folders.insert((administratorFolder as NSString).appendingPathComponent("global"))
            }
            for account in accounts { folders.insert(userFolder(account)) }
            return folders
        }
    }

    /// Reads and compiles folders in order (the administrator's, then the user's).
    public typealias Loader = @Sendable (_ folders: [String]) -> RuleLoad

    private let book: RuleBook
    private let store: StateStore?
    private let load: Loader
    private var layout: Layout
    private let logger: Logger
    private let rescanEvery: Duration
    private var fingerprints: [String: String] = [:]
    private var hasGood: Set<String> = []
    private var events: FolderEvents?

    public init(
        layout: Layout, book: RuleBook, store: StateStore?, rescanEvery: Duration = .seconds(300), logger: Logger,
        load: @escaping Loader
    ) {
        self.layout = layout
        self.book = book
        self.store = store
        self.rescanEvery = rescanEvery
        self.logger = logger
        self.load = load
    }

    /// Loads every account's rules (before the supervisors start, and after a reload of the configuration).
    public func loadAll() async {
        events?.watch(layout.folders)
        for account in layout.accounts { await reload(account) }
    }

    /// A new configuration: accounts added are loaded, those removed forgotten.
    public func update(_ layout: Layout) async {
        let removed = Set(self.layout.accounts).subtracting(layout.accounts)
        let adminChanged =
            layout.administratorFolder != self.layout.administratorFolder
            || layout.packFolders != self.layout.packFolders
        self.layout = layout
        for account in removed {
            await book.remove(account)
            fingerprints[account] = nil
            hasGood.remove(account)
        }
        if adminChanged { fingerprints = [:] }
        await loadAll()
    }

    public func run() async throws {
        let events = try FolderEvents()
        self.events = events
        defer { events.stop() }
        events.watch(layout.folders)
        // A tick now and then: events can be lost (a full queue), and a folder created later needs a watch.
        let ticker = Task { [rescanEvery] in
            while !Task.isCancelled {
                try? await Task.sleep(for: rescanEvery)
                await self.rescan()
            }
        }
        defer { ticker.cancel() }
        await cancelWhenGracefulShutdown { [self] in
            for await _ in events.changes {
                // Editors write several events for one save: let the burst end.
                try? await Task.sleep(for: .milliseconds(50))
                await self.changed(events.takeChanged())
            }
        }
    }

    private func rescan() async {
        events?.watch(layout.folders)
        await changed(nil)
    }

    /// `folders`: those that changed, nil for all.
    private func changed(_ folders: Set<String>?) async {
        events?.watch(layout.folders)
        let admin = layout.administratorFolder
        let everyone =
            folders == nil || folders!.contains(layout.userRoot) || !folders!.isDisjoint(with: layout.packFolders)
            || admin.map {
                folders!.contains($0) || folders!.contains(($0 as NSString).appendingPathComponent("global"))
            }
                == true
        for account in layout.accounts where everyone || folders!.contains(layout.userFolder(account)) {
            await reload(account)
        }
    }

    private func reload(_ account: String) async {
        let folders = layout.sharedFolders + [layout.userFolder(account)]
        let result = load(folders)
        guard fingerprints[account] != result.fingerprint else { return }
        fingerprints[account] = result.fingerprint
        if result.complete {
            await book.set(result.rules, for: account)
            hasGood.insert(account)
            logger.info(
                "rules loaded: \(result.rules.scripts.count) scripts", metadata: ["account": "\(account)"])
        } else {
            for error in result.errors {
                logger.error(
                    "broken rule; the last good rules keep running: \(error)", metadata: ["account": "\(account)"])
            }
            if !hasGood.contains(account) {
                // Never had good rules: the administrator's alone, if they compile.
                let adminOnly = layout.sharedFolders.isEmpty ? nil : load(layout.sharedFolders)
                let fallback = adminOnly?.complete == true ? adminOnly!.rules : FilingRules(scripts: [])
                await book.set(fallback, for: account)
            }
        }
        let inForce = await book.rules(for: account).scripts.count
        try? store?.recordRules(account: account, scripts: inForce, errors: result.errors)
    }
}
