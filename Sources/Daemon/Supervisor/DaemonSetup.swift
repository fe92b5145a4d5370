/// Everything the running daemon is made of, as the configuration describes it: built by the command line from
/// the configuration file, built again on SIGHUP.
public struct DaemonSetup: Sendable {
    public struct Account: Sendable {
        public var endpoint: AccountEndpoint
        /// Changes when anything that matters to the connection changes (server, credentials source, folders):
        /// on reload, an account whose key changed is restarted, the others are left alone.
        public var key: String

        public init(endpoint: AccountEndpoint, key: String) {
            self.endpoint = endpoint
            self.key = key
        }
    }

    public var accounts: [Account]
    public var rules: RuleWatcher.Layout
    /// Messages per batch of actions.
    public var batchSize: Int
    /// Days the processing log keeps its lines.
    public var logDays: Int
    /// How often IDLE is renewed, and how often a server without IDLE is polled.
    public var idleRenewal: Duration
    public var pollInterval: Duration
    /// Each account's scoring phase (`DaemonSetup.spamPhases`); an account without one is scored by no learner
    /// and its spam is not sent to Junk.
    public var spam: [String: SpamPhase] = [:]
    /// The configuration this was built from, for the daemon's companions (`DaemonCompanion`).
    public var configuration: DaemonConfiguration?

    public init(
        accounts: [Account], rules: RuleWatcher.Layout, batchSize: Int = 200, logDays: Int = 30,
        idleRenewal: Duration = .seconds(28 * 60), pollInterval: Duration = .seconds(60)
    ) {
        self.accounts = accounts
        self.rules = rules
        self.batchSize = batchSize
        self.logDays = logDays
        self.idleRenewal = idleRenewal
        self.pollInterval = pollInterval
    }
}
