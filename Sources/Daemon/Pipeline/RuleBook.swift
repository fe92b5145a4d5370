/// The rules in force for every account: what the rule watcher last compiled whole. A supervisor asks before each
/// batch, so a fixed rule file takes effect at the next message, and a broken one never replaces the version
/// that works (the watcher only puts complete rule sets here).
public actor RuleBook {
    private var byAccount: [String: FilingRules] = [:]
    /// Rules for accounts with none of their own (the administrator's alone).
    private var fallback: FilingRules
    /// The scoring phase of each account (the same learner for all when it is shared), joined to its rules.
    private var spam: [String: SpamPhase] = [:]

    public init(fallback: FilingRules = FilingRules(scripts: [])) {
        self.fallback = fallback
    }

    public func rules(for account: String) -> FilingRules {
        var rules = byAccount[account] ?? fallback
        rules.spam = spam[account]
        return rules
    }

    public func setSpam(_ phase: SpamPhase?, for account: String) {
        spam[account] = phase
    }

    public func set(_ rules: FilingRules, for account: String) {
        byAccount[account] = rules
    }

    public func setFallback(_ rules: FilingRules) {
        fallback = rules
    }

    public func remove(_ account: String) {
        byAccount[account] = nil
    }
}
