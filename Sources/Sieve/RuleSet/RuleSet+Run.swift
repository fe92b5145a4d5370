extension RuleSet {
    /// A script that failed at run time: its actions were dropped, the scripts after it still ran.
    public struct RuntimeError: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String

        public var description: String { "\(path): runtime error: \(message) (its actions were dropped)" }
    }

    /// The result of running the set on one message.
    public struct Outcome: Sendable {
        /// The merged result, as if from one script (`SieveSequence`).
        public var outcome: SieveOutcome
        /// The scripts that failed, in run order.
        public var errors: [RuntimeError]
    }

    /// Runs the compiled scripts as one `SieveSequence`.
    public func run(_ input: SieveInput, limits: SieveLimits = .default) -> Outcome {
        let result = SieveSequence.run(scripts.map(\.compiled), input: input, limits: limits)
        return Outcome(
            outcome: result.outcome,
            errors: result.errors.map { RuntimeError(path: scripts[$0.script].path, message: $0.message) })
    }
}
