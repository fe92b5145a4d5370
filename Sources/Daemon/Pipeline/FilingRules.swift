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
    /// The scoring phase (learner, required score, Junk), when the account has one.
    public var spam: SpamPhase?

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
        // The learner reads the whole message.
        if spam?.learner != nil { needs.body = true }
        return needs
    }

    /// Runs the sequence; the runtime errors name their script, and `decidedBy` the scripts whose rules did
    /// something to the message (none when it stays by the implicit keep alone).
    /// With a scoring phase, the learner's band is the first score, spamtest reads the phase's required score,
    /// and spam that no script placed goes to Junk (`junk`: the server's `\Junk` folder, if it marks one); the
    /// score and what it did are the last entry of `decidedBy`.
    func evaluate(_ input: SieveInput, junk: String? = nil, rescued: Bool = false) -> (
        outcome: SieveOutcome, errors: [String], decidedBy: [String]
    ) {
        var input = input
        if let spam {
            input.spam = spam.settings
            input.site = spam.site
            input.scoreSoFar = spam.learnerHits(input.message)
        }
        let result = SieveSequence.run(scripts.map(\.compiled), input: input, limits: limits)
        var outcome = result.outcome
        var decidedBy = result.decidedBy.map { scripts[$0].path }
        if let spam {
            let (scored, note) = spam.apply(to: outcome, junk: junk, rescued: rescued)
            outcome = scored
            if let note { decidedBy.append(note) }
        }
        return (outcome, result.errors.map { "\(scripts[$0.script].path): \($0.message)" }, decidedBy)
    }
}
