import NIOConcurrencyHelpers
import Sieve
import Spam

extension DaemonSetup {
    /// The scoring phase of each enabled account, as the `[spam]` table describes it: the required score, the
    /// Junk folder, and the learner (one store for all accounts, one each, or none). A store opened once is kept
    /// for the life of the process; a reload (SIGHUP) reads each store's counts again, once, so what
    /// `mailsift learn` taught it meanwhile counts from then on.
    public static func spamPhases(_ configuration: DaemonConfiguration) throws(SpamError) -> [String: SpamPhase] {
        var settings = SpamSettings()
        settings.requiredScore = configuration.spam.requiredScore
        let site = SiteSettings(localDomains: configuration.spam.localDomains)
        var phases: [String: SpamPhase] = [:]
        var reread: Set<String> = []
        for account in configuration.enabledAccounts {
            let path = configuration.spam.tokenStorePath(
                stateDirectory: configuration.stateDirectory, account: account.name)
            let learner = try path.map { path throws(SpamError) in
                try OpenLearners.shared.learner(at: path, reread: reread.insert(path).inserted)
            }
            var phase = SpamPhase(
                settings: settings, junkFolder: configuration.spam.junkFolder, learner: learner,
                learnOnMove: configuration.spam.learnOnMove)
            phase.site = site
            phases[account.name] = phase
        }
        return phases
    }
}

/// The learners this process has opened, by store path.
final class OpenLearners: Sendable {
    static let shared = OpenLearners()
    private let learners = NIOLockedValueBox<[String: SharedLearner]>([:])

    /// The learner of `path`, opened if it is not yet; one already open reads its store again when `reread`.
    func learner(at path: String, reread: Bool = false) throws(SpamError) -> SharedLearner {
        if let open = learners.withLockedValue({ $0[path] }) {
            // A store that cannot be read now keeps the table it had: still right for what this process learned.
            if reread { try? open.reread() }
            return open
        }
        let learner = try SharedLearner(store: TokenStore(path: path))
        return learners.withLockedValue { open in
            if let first = open[path] { return first }
            open[path] = learner
            return learner
        }
    }
}
