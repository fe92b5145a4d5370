/// Counts the work one message costs. A script that runs out of budget stops with a runtime error, and the
/// message falls back to the implicit keep: a user's file must not burn the CPU.
struct StepBudget {
    private(set) var remaining: Int

    init(_ steps: Int) {
        remaining = steps
    }

    struct Exhausted: Error {}

    mutating func spend(_ steps: Int = 1) throws(Exhausted) {
        remaining -= steps
        if remaining < 0 { throw Exhausted() }
    }
}
