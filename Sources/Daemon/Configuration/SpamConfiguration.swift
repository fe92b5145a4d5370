/// The `[spam]` table: how messages are scored and where the learner keeps what it learned.
public struct SpamConfiguration: Sendable, Hashable {
    /// Whose mail one token store learns from.
    public enum LearnerScope: String, Sendable, Hashable, CaseIterable {
        /// One store for every account: a district's staff receive the same spam, and a new mailbox is protected
        /// from its first day.
        case shared
        /// One store per account: each user's own idea of spam (a power user's newsletters).
        case perAccount = "per-account"
        /// No learner: the rules alone score.
        case off
    }

    /// `required_score`: the total (rules + learner) from which a message is spam.
    public var requiredScore: Double
    /// `junk_folder`: where spam goes on a server that marks no folder `\Junk` (RFC 6154).
    public var junkFolder: String
    /// `learner`: shared, per-account or off.
    public var learner: LearnerScope
    /// `learn_on_move`: a message the user moves into Junk is learned as spam, out of it as ham.
    public var learnOnMove: Bool
    /// `local_domains`: the site's own mail domains (the académie's), for the rules that spot mail claiming to be
    /// from them or imitating them.
    public var localDomains: [String]
    /// `rule_packs`: the shipped scoring packs that run before `admin_rules`, by name (folders of
    /// `rulePacksDirectory`). All of them unless the administrator says otherwise.
    public var rulePacks: [String]
    /// `rule_packs_dir`: where the packs are installed.
    public var rulePacksDirectory: String

    public init(
        requiredScore: Double = 5, junkFolder: String = "Junk", learner: LearnerScope = .shared,
        learnOnMove: Bool = true, localDomains: [String] = [], rulePacks: [String] = SpamConfiguration.shippedPacks,
        rulePacksDirectory: String = SpamConfiguration.defaultPacksDirectory
    ) {
        self.requiredScore = requiredScore
        self.junkFolder = junkFolder
        self.learner = learner
        self.learnOnMove = learnOnMove
        self.localDomains = localDomains
        self.rulePacks = rulePacks
        self.rulePacksDirectory = rulePacksDirectory
    }

    /// The packs in the repository's `rules/` and, once installed, in `defaultPacksDirectory`.
    public static let shippedPacks = ["spam", "phishing"]
    public static let defaultPacksDirectory = "/usr/share/mailsift/rules"

    static let keys = [
        "required_score", "junk_folder", "learner", "learn_on_move", "local_domains", "rule_packs", "rule_packs_dir",
    ]

    /// The folders of the packs in force, in order; those not installed are left out (`missingPacks` names them,
    /// for the daemon's log and `mailsift check`).
    public var rulePackFolders: [String] {
        rulePacks.map { rulePacksDirectory + "/" + $0 }.filter { FileChecks.folderProblem($0) == nil }
    }

    /// The packs asked for that are not installed where `rule_packs_dir` says.
    public var missingPacks: [String] {
        rulePacks.filter { FileChecks.folderProblem(rulePacksDirectory + "/" + $0) != nil }
    }

    /// The token store of `account` under `stateDirectory`, nil when the learner is off.
    public func tokenStorePath(stateDirectory: String, account: String) -> String? {
        switch learner {
        case .shared: stateDirectory + "/spam/shared.sqlite"
        case .perAccount: stateDirectory + "/spam/accounts/" + account + ".sqlite"
        case .off: nil
        }
    }

    /// Reads the `[spam]` table; every key is optional.
    static func read(_ reader: TableReader) -> SpamConfiguration {
        var spam = SpamConfiguration()
        spam.requiredScore = reader.number("required_score", default: 5, range: 0.1...1000, unit: "points")
        if let folder = reader.string("junk_folder", maxBytes: ConfigurationLimits.folderBytes) {
            spam.junkFolder = folder
        }
        spam.learner = reader.choice("learner", default: LearnerScope.shared)
        spam.learnOnMove = reader.bool("learn_on_move", default: true)
        if let domains = reader.strings("local_domains", maxCount: 64, maxBytes: 253) {
            for (index, domain) in domains.enumerated() where !isPlausibleDomain(domain) {
                reader.error(
                    "local_domains",
                    "entry \(index + 1): \(TableReader.shown(domain)) is not a domain name (e.g. ac-lyon.fr)")
            }
            spam.localDomains = domains.map { $0.lowercased() }
        }
        if let packs = reader.strings("rule_packs", maxCount: 32, maxBytes: 64) {
            for (index, pack) in packs.enumerated() where pack.isEmpty || pack.contains("/") || pack.hasPrefix(".") {
                reader.error(
                    "rule_packs", "entry \(index + 1): \(TableReader.shown(pack)) is not a pack name (e.g. spam)")
            }
            spam.rulePacks = packs
        }
        if let directory = reader.path("rule_packs_dir") { spam.rulePacksDirectory = directory }
        reader.rejectUnknownKeys(known: keys)
        return spam
    }

    /// Labels of letters, digits and hyphens (or non-ASCII, for a Unicode domain), at least two, none empty.
    static func isPlausibleDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && label.utf8.allSatisfy(isDomainByte)
            }
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), 0x80...:
            true
        default: false
        }
    }
}
