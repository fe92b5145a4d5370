import MailMessage
import Sieve
import Spam

/// The scoring phase of one account: the learner's band joins the administrator's `addscore`s, the user's scripts
/// see the total through spamtest, and a message at or over the required score that no script placed goes to the
/// account's Junk folder with the `$Junk` keyword.
public struct SpamPhase: Sendable {
    /// What spamtest reads (the required score).
    public var settings: SpamSettings
    /// The folder spam goes to when the server marks none `\Junk`.
    public var junkFolder: String
    /// The learner, when configured and its store opened.
    public var learner: SharedLearner?
    /// Learn from the user's moves: what arrives in `junkFolder` (not put there by the daemon) as spam, what
    /// arrives in a watched folder out of Junk as ham.
    public var learnOnMove: Bool
    /// The site's own domains (`local_domains`), for the rule packs' `vnd.mailsift.site` tests.
    public var site = SiteSettings()

    public init(settings: SpamSettings, junkFolder: String, learner: SharedLearner?, learnOnMove: Bool = false) {
        self.settings = settings
        self.junkFolder = junkFolder
        self.learner = learner
        self.learnOnMove = learnOnMove
    }

    /// The folder to watch for the user's moves into Junk, when learning from them.
    public var watchedJunk: String? { learner != nil && learnOnMove ? junkFolder : nil }

    /// The keyword spam is marked with (the one Thunderbird, Apple Mail and Dovecot's antispam plugin use).
    public static let junkKeyword = "$Junk"

    /// The learner's score for `message`, as a first score for the rules to add to.
    func learnerHits(_ message: Message) -> [ScoreHit] {
        guard let learner, let hit = learner.score(message).hit else { return [] }
        return [hit]
    }

    /// The outcome with spam sent to Junk: when the total is at least the required score and no script placed
    /// the message (kept it explicitly, filed, discarded, redirected or rejected it) — a user's rule that says
    /// where a message goes is the user deciding, with the score in view through spamtest.
    /// `rescued`: the user took this message out of Junk; it is not sent back.
    func apply(to outcome: SieveOutcome, junk serverJunk: String?, rescued: Bool = false) -> (
        SieveOutcome, note: String?
    ) {
        guard outcome.runtimeError == nil, let total = outcome.score else { return (outcome, nil) }
        let hits = outcome.scoreHits.map { "\($0.name) \(Self.shown($0.points))" }.joined(separator: ", ")
        let summary = "spam score \(Self.shown(total)) (\(hits)), required \(Self.shown(settings.requiredScore))"
        guard total >= settings.requiredScore else { return (outcome, summary) }
        guard !rescued else { return (outcome, summary + ": taken out of Junk by the user, not sent back") }
        let placed = outcome.actions.contains { action in
            switch action {
            case .vacation, .notify: false
            default: true
            }
        }
        guard !placed, outcome.implicitKeep != nil else { return (outcome, summary + ": placed by the rules") }
        var junked = outcome
        junked.actions.append(
            .fileinto(mailbox: serverJunk ?? junkFolder, flags: [Self.junkKeyword], copy: false, create: true))
        junked.implicitKeep = nil
        return (junked, summary + ": to \(serverJunk ?? junkFolder)")
    }

    static func shown(_ points: Double) -> String {
        points == points.rounded() ? String(Int(points)) : String(format: "%.2f", points)
    }
}
