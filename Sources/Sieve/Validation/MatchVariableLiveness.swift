/// Marks the `:matches` and `:regex` tests whose match variables (`${0}`…`${9}`, RFC 5229 3.2) no string can
/// read, so a run need not find them. For `:regex`, finding the groups is a second run over the value by the
/// thread simulation, several times the cost of the DFA's yes or no: the rule packs' Message-ID test paid it on
/// every message because the same script reads `${1}` after another test.
///
/// Scripts have no loops, so a run meets tests and strings in source order. A test may be read by a string that
/// comes after it, unless a test between them is known to have matched when the string is reached (which
/// replaced the variables): a matching test guards the block of its `if` or `elsif`, alone or as one of an
/// `allof`'s tests. An included script keeps its own match variables (the interpreter saves and resets them),
/// so its tests and strings are analysed on their own when it is compiled.
enum MatchVariableLiveness {
    /// The commands with every test whose match variables are never read wrapped in
    /// `TestNode.withoutMatchVariables`.
    static func prune(_ commands: [CommandNode]) -> [CommandNode] {
        var reads = ReadCollector()
        reads.visit(commands, cover: nil)
        var live = [Bool](repeating: false, count: reads.setters)
        for read in reads.reads {
            // Every test from the read's cover (or the start) up to the read can be the one it reads.
            for setter in (read.cover ?? 0)..<read.settersBefore { live[setter] = true }
        }
        var rewriter = Rewriter(live: live)
        return rewriter.rewrite(commands)
    }

    /// Whether a test can set the match variables: a leaf test compared with `:matches` or `:regex`.
    static func setsMatchVariables(_ test: TestNode) -> Bool {
        guard let match = matchSpec(of: test) else { return false }
        return match.matchType == .matches || match.matchType == .regex
    }

    private static func matchSpec(of test: TestNode) -> MatchSpec? {
        switch test {
        case .header(_, _, _, let match, _), .address(_, _, _, _, let match, _), .envelope(_, _, _, let match),
            .string(_, _, let match), .hasFlag(_, _, let match), .spamtest(_, _, let match),
            .virustest(_, let match), .date(_, _, _, _, _, let match), .currentDate(_, _, _, let match),
            .notifyMethodCapability(_, _, _, let match), .body(_, _, let match), .links(_, _, let match),
            .htmlCharacters(_, _, let match):
            match
        case .located, .withoutMatchVariables, .constant, .not, .allOf, .anyOf, .exists, .size, .mailboxExists,
            .validNotifyMethod, .duplicate, .localDomain, .lookalikeDomain, .externalOrigin, .linkAnomaly:
            nil
        }
    }
}

/// The first pass: numbers the setting tests in source order and records every read of a match variable.
private struct ReadCollector {
    struct Read {
        /// How many setting tests come before the read.
        let settersBefore: Int
        /// The last setting test known to have matched where the read runs, if any.
        let cover: Int?
    }

    private(set) var setters = 0
    private(set) var reads: [Read] = []

    mutating func visit(_ commands: [CommandNode], cover: Int?) {
        for command in commands {
            switch command {
            case .ifChain(let branches, let otherwise):
                for (test, block) in branches {
                    let guarantee = visit(test, cover: cover)
                    visit(block, cover: guarantee ?? cover)
                }
                if let otherwise { visit(otherwise, cover: cover) }
            default:
                read(command.strings, cover: cover)
            }
        }
    }

    /// Visits a test (its strings are read before it compares); returns the last setting test known to have
    /// matched when it is true.
    @discardableResult
    private mutating func visit(_ test: TestNode, cover: Int?) -> Int? {
        switch test {
        case .located(let inner, _, _), .withoutMatchVariables(let inner):
            return visit(inner, cover: cover)
        case .not(let inner):
            visit(inner, cover: cover)
            return nil
        case .anyOf(let tests):
            for inner in tests { visit(inner, cover: cover) }
            return nil
        case .allOf(let tests):
            // Each test of a true allof was true: the last of them that sets the variables set them.
            var guarantee: Int?
            for inner in tests {
                if let known = visit(inner, cover: guarantee ?? cover) { guarantee = known }
            }
            return guarantee
        default:
            read(test.strings, cover: cover)
            guard MatchVariableLiveness.setsMatchVariables(test) else { return nil }
            setters += 1
            return setters - 1
        }
    }

    private mutating func read(_ strings: [StringValue], cover: Int?) {
        let readsMatch = strings.contains { value in
            value.segments.contains { if case .matchVariable = $0 { true } else { false } }
        }
        if readsMatch { reads.append(Read(settersBefore: setters, cover: cover)) }
    }
}

/// The second pass: the same walk, wrapping each setting test that no read can see.
private struct Rewriter {
    let live: [Bool]
    private var next = 0

    init(live: [Bool]) {
        self.live = live
    }

    mutating func rewrite(_ commands: [CommandNode]) -> [CommandNode] {
        commands.map { command in
            guard case .ifChain(let branches, let otherwise) = command else { return command }
            var rewritten: [(test: TestNode, block: [CommandNode])] = []
            for (test, block) in branches {
                let test = rewrite(test)
                rewritten.append((test, rewrite(block)))
            }
            return .ifChain(branches: rewritten, otherwise: otherwise.map { rewrite($0) })
        }
    }

    private mutating func rewrite(_ test: TestNode) -> TestNode {
        switch test {
        case .located(let inner, let location, let text):
            return .located(rewrite(inner), location, text: text)
        case .withoutMatchVariables:
            return test
        case .not(let inner):
            return .not(rewrite(inner))
        case .anyOf(let tests):
            return .anyOf(tests.map { rewrite($0) })
        case .allOf(let tests):
            return .allOf(tests.map { rewrite($0) })
        default:
            guard MatchVariableLiveness.setsMatchVariables(test) else { return test }
            defer { next += 1 }
            return live[next] ? test : .withoutMatchVariables(test)
        }
    }
}
