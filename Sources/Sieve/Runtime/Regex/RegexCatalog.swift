/// The regular expressions of one script and everything it includes, each literal pattern compiled once
/// (when the script is), with the total size bounded: a 1 MB script could otherwise hold thousands of
/// patterns of `maxInstructions` each.
final class RegexCatalog: @unchecked Sendable {
    /// Instructions all the literal patterns of a script may compile to together (about 1.2 MB).
    static let maxScriptInstructions = 100_000

    private var compiled: [RegexKey: Result<SieveRegex, RegexProblem>] = [:]
    private(set) var totalInstructions = 0

    func regex(_ pattern: String, ignoringCase: Bool) -> Result<SieveRegex, RegexProblem> {
        let key = RegexKey(pattern: pattern, ignoringCase: ignoringCase)
        if let known = compiled[key] { return known }
        var result = SieveRegex.compile(pattern, ignoringCase: ignoringCase)
        if case .success(let regex) = result {
            if totalInstructions + regex.size > Self.maxScriptInstructions {
                result = .failure(
                    RegexProblem(
                        message: "the script's regular expressions together are too large once compiled (more than "
                            + "\(Self.maxScriptInstructions) steps in all): use fewer or simpler ones"))
            } else {
                totalInstructions += regex.size
            }
        }
        compiled[key] = result
        return result
    }
}

/// The patterns one run built from variables, compiled once per run. Each compilation is charged to the step
/// budget; the cache holds a few programs only, so a script cannot pile them up in memory.
struct RuntimeRegexCache {
    static let capacity = 16
    private var compiled: [RegexKey: SieveRegex?] = [:]

    mutating func regex(_ pattern: String, ignoringCase: Bool, budget: inout StepBudget) throws(StepBudget.Exhausted)
        -> SieveRegex?
    {
        let key = RegexKey(pattern: pattern, ignoringCase: ignoringCase)
        if let known = compiled[key] { return known }
        try budget.spend(1 + pattern.utf8.count)
        // An invalid pattern makes its key match nothing, as in Pigeonhole (which logs it and goes on).
        let regex = try? SieveRegex.compile(pattern, ignoringCase: ignoringCase).get()
        try budget.spend(regex?.size ?? 0)
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        compiled[key] = regex
        return regex
    }
}

struct RegexKey: Hashable {
    var pattern: String
    var ignoringCase: Bool
}
