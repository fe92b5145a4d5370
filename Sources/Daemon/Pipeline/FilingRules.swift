import Sieve

/// The rules one account's mail runs through, as compiled at one moment: the administrator's scripts, then the
/// account's own, as one sequence. Swapped whole when a rule file changes, so a batch runs under one version.
public struct FilingRules: Sendable {
    public struct Script: Sendable {
        public var path: String
        public var compiled: CompiledScript

        public init(path: String, compiled: CompiledScript) {
            self.path = path
            self.compiled = compiled
        }
    }

    public var scripts: [Script]
    public var limits: SieveLimits

    public init(scripts: [Script], limits: SieveLimits = .default) {
        self.scripts = scripts
        self.limits = limits
    }

    /// What the scripts read of a message, together: what a fetch must bring.
    public var needs: ScriptNeeds {
        var needs = ScriptNeeds()
        for script in scripts {
            let other = script.compiled.needs
            needs.headerFields.formUnion(other.headerFields)
            needs.allHeaders = needs.allHeaders || other.allHeaders
            needs.body = needs.body || other.body
            needs.envelope = needs.envelope || other.envelope
            needs.size = needs.size || other.size
        }
        return needs
    }

    /// Runs the sequence; the runtime errors name their script, and `decidedBy` the scripts whose rules did
    /// something to the message (none when it stays by the implicit keep alone).
    func evaluate(_ input: SieveInput) -> (outcome: SieveOutcome, errors: [String], decidedBy: [String]) {
        let result = SieveSequence.run(scripts.map(\.compiled), input: input, limits: limits)
        return (
            result.outcome, result.errors.map { "\(scripts[$0.script].path): \($0.message)" },
            result.decidedBy.map { scripts[$0].path }
        )
    }
}
