import Sieve

/// What reading and compiling one account's rule folders gave.
public struct RuleLoad: Sendable {
    /// The compiled scripts, in run order (only meaningful when `complete`).
    public var rules: FilingRules
    /// Every file was read and compiled: only then may these rules replace the ones in force.
    public var complete: Bool
    /// `file:line:col: error: …` for each broken or unreadable file.
    public var errors: [String]
    /// Changes whenever a file's name or bytes change: unchanged folders are not compiled again.
    public var fingerprint: String

    public init(rules: FilingRules, complete: Bool, errors: [String], fingerprint: String) {
        self.rules = rules
        self.complete = complete
        self.errors = errors
        self.fingerprint = fingerprint
    }
}

extension RuleLoad {
    /// Reads and compiles `folders` in order (the administrator's, then the user's) as one rule set: the
    /// daemon's loader, and `mailsift check --config`'s.
    public static func compile(_ folders: [String], limits: SieveLimits = .default) -> RuleLoad {
        let set = RuleSet.load(folders.map { RuleFolder(path: $0) }, limits: limits)
        let scripts = set.scripts.map { FilingRules.Script(path: $0.path, compiled: $0.compiled) }
        return RuleLoad(
            rules: FilingRules(scripts: scripts, limits: limits), complete: set.isComplete, errors: set.errorLines,
            fingerprint: set.fingerprint)
    }
}
