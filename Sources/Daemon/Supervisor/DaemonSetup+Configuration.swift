import IMAPClient
import NIOPosix

extension DaemonSetup {
    /// The daemon a configuration describes: its enabled accounts, each connecting with its own settings and
    /// reading its secret at every login (on `secrets`, never on the cooperative pool: a password command may
    /// take seconds).
    public init(_ configuration: DaemonConfiguration, secrets: NIOThreadPool = .singleton) {
        let accounts = configuration.enabledAccounts.map { account in
            let endpoint = AccountEndpoint(name: account.name, folders: account.folders) {
                try await account.connect(secrets: secrets)
            }
            // Any change of the account's settings restarts it; the others are left alone.
            return Account(endpoint: endpoint, key: "\(account.hashValue)")
        }
        self.init(
            accounts: accounts,
            rules: RuleWatcher.Layout(
                administratorFolder: configuration.adminRules, userRoot: configuration.userRules,
                accounts: configuration.enabledAccounts.map(\.name), packFolders: configuration.spam.rulePackFolders),
            batchSize: configuration.batchSize, logDays: configuration.logDays,
            idleRenewal: configuration.idleRenewal, pollInterval: configuration.pollInterval)
        self.configuration = configuration
    }
}
