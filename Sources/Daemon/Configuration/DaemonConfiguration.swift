/// The daemon's configuration (`mailsift.toml`, and one file per account in `accounts_dir`), validated whole:
/// `DaemonConfiguration.load(file:options:)` either returns one with every value checked, or every problem
/// with its `file:line: key`. Paths are absolute (relative ones in the file are taken from the file's folder).
public struct DaemonConfiguration: Sendable, Hashable {
    /// The main configuration file, as given (for messages and for reloading on SIGHUP).
    public var file: String
    /// `state_dir`: the state store and the processing log.
    public var stateDirectory: String
    /// `admin_rules`: the administrator's scripts, run first for every account.
    public var adminRules: String?
    /// `user_rules`: each account's own scripts in `<user_rules>/<account name>/*.sieve`.
    public var userRules: String
    /// `accounts_dir`: one `.toml` file per account, beside the main file's `[[account]]` tables.
    public var accountsDirectory: String?
    /// `log_days`: how long the processing log keeps what was done to each message.
    public var logDays: Int
    /// `batch_size`: messages whose actions are carried out together (one UID MOVE per destination).
    public var batchSize: Int
    /// `idle_renewal_minutes`: IDLE is left and entered again this often (RFC 2177 asks for at most 29 minutes).
    public var idleRenewal: Duration
    /// `poll_seconds`: how often a folder is looked at on a server without IDLE or NOTIFY.
    public var pollInterval: Duration
    /// In file order: the main file's `[[account]]` tables, then `accounts_dir` in name order. Names are unique.
    public var accounts: [AccountConfiguration]
    /// `[spam]`: scoring and the learner.
    public var spam = SpamConfiguration()
    /// `[archive]`: the archiving defaults of every account (`ArchiveSettings`; the archiver resolves them).
    public var archive = ArchiveSettings()

    public init(
        file: String, stateDirectory: String, adminRules: String? = nil, userRules: String,
        accountsDirectory: String? = nil, logDays: Int = Defaults.logDays, batchSize: Int = Defaults.batchSize,
        idleRenewal: Duration = Defaults.idleRenewal, pollInterval: Duration = Defaults.pollInterval,
        accounts: [AccountConfiguration] = []
    ) {
        self.file = file
        self.stateDirectory = stateDirectory
        self.adminRules = adminRules
        self.userRules = userRules
        self.accountsDirectory = accountsDirectory
        self.logDays = logDays
        self.batchSize = batchSize
        self.idleRenewal = idleRenewal
        self.pollInterval = pollInterval
        self.accounts = accounts
    }

    /// The values used when a key is not written.
    public enum Defaults {
        public static let logDays = 30
        public static let batchSize = 200
        public static let idleRenewal: Duration = .seconds(29 * 60)
        public static let pollInterval: Duration = .seconds(60)
    }

    public func account(named name: String) -> AccountConfiguration? {
        accounts.first { $0.name == name }
    }

    /// The accounts that run (`enabled = true`, the default).
    public var enabledAccounts: [AccountConfiguration] { accounts.filter(\.enabled) }

    /// The rule folders that apply to `account`, in the order they run: the administrator's, then the account's
    /// own. The one place where the configuration names rule folders: `mailsift check --config` and the daemon's
    /// rule loader both start here.
    public func ruleFolders(for account: AccountConfiguration) -> RuleFolders {
        RuleFolders(admin: adminRules, user: userRules + "/" + account.name, packs: spam.rulePackFolders)
    }
}

/// The rule folders of one account. The user's folder may not exist: then the account has no rules of its own.
public struct RuleFolders: Sendable, Hashable {
    /// `admin_rules`, when configured.
    public var admin: String?
    /// `<user_rules>/<account name>`.
    public var user: String
    /// The shipped rule packs in force (installed ones only), run first.
    public var packs: [String]

    public init(admin: String?, user: String, packs: [String] = []) {
        self.admin = admin
        self.user = user
        self.packs = packs
    }

    /// In the order they run: the packs, the administrator's, the user's.
    public var all: [String] { packs + (admin.map { [$0] } ?? []) + [user] }
}
