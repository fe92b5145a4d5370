import NIOConcurrencyHelpers
import Sieve
import Spam

extension DaemonSetup {
    /// The scoring phase of each enabled account, as the `[spam]` table describes it: the required score, the
    /// Junk folder, and the learner (one store for all accounts, one each, or none). A store opened once is kept
    /// for the life of the process, so a reload (SIGHUP) does not read it again nor lose what was just learned.
    public static func spamPhases(_ configuration: DaemonConfiguration) throws(SpamError) -> [String: SpamPhase] {
        var settings = SpamSettings()
        settings.requiredScore = configuration.spam.requiredScore
        var phases: [String: SpamPhase] = [:]
        for account in configuration.enabledAccounts {
            let path = configuration.spam.tokenStorePath(
                stateDirectory: configuration.stateDirectory, account: account.name)
            let learner = try path.map { path throws(SpamError) in try OpenLearners.shared.learner(at: path) }
            phases[account.name] = SpamPhase(
                settings: settings, junkFolder: configuration.spam.junkFolder, learner: learner,
                learnOnMove: configuration.spam.learnOnMove)
        }
        return phases
    }
}

/// The learners this process has opened, by store path.
final class OpenLearners: Sendable {
    static let shared = OpenLearners()
    private let learners = NIOLockedValueBox<[String: SharedLearner]>([:])

    func learner(at path: String) throws(SpamError) -> SharedLearner {
        if let open = learners.withLockedValue({ $0[path] }) { return open }
        let learner = try SharedLearner(store: TokenStore(path: path))
        return learners.withLockedValue { open in
            if let first = open[path] { return first }
            open[path] = learner
            return learner
        }
    }
}
