import Glibc
import Synchronization

/// A `:regex` pattern (draft-murchison-sieve-regex, as Pigeonhole implements it), compiled by an engine of
/// our own.
///
/// Why not glibc's `regcomp`/`regexec`, which Pigeonhole uses and mailsift used before: glibc can take
/// quadratic time in the value (`(a|a)*b` on 60 KB: 9 s for one call) and its `regcomp` expands nested counts
/// in memory (`((a{1,100}){1,100}){1,100}`: 1.8 GB), and a call cannot be interrupted, so a step budget
/// charged after each call comes too late. Pigeonhole leans on a 30 s CPU limit per script instead. Here:
/// - compiling is linear in the pattern and refused past `RegexCompiler.maxInstructions` (sizes are summed
///   before anything is built), and each literal pattern is compiled once, when the script is;
/// - a run simulates all threads of the NFA in step (O(instructions × bytes) time, O(instructions) memory, no
///   backtracking) and charges the step budget as it goes, so the budget error stops it mid-value;
/// - "does it match" (no groups wanted) is answered by a DFA built from the same NFA as runs go and kept
///   (`RegexDFA`): the same answer, at one table lookup per byte once its states are known.
///
/// Semantics follow glibc in the C locale (one byte is one character; `i;ascii-casemap` folds ASCII only):
/// the same syntax, the leftmost-longest overall match (`${0}`), and the same answer to "does it match".
/// Groups (`${1}`…`${9}`): among the ways to make that leftmost-longest match, the one a backtracking
/// matcher would try first (greedy repetitions, earlier alternatives first). glibc agrees on the patterns
/// scripts use; it can differ on ambiguous ones, e.g. `(a*)*` on `b` gives `${1}` unset here and empty there.
/// Back-references are refused (they cannot be matched in linear time).
final class SieveRegex: Sendable {
    let program: RegexProgram
    let groupCount: Int
    /// "Does it match" is answered by a DFA built as runs go (`RegexDFA`), shared by the threads that run the
    /// script: one at a time, the others use the thread simulation meanwhile (as do all runs once the
    /// process's allowance of DFA states is spent).
    private let dfa = Mutex(RegexDFA())
    static let dfaMinimumBytes = 0

    deinit {
        dfa.withLock { $0.release() }
    }

    static let maxPatternBytes = 1024
    /// Bytes of one value a regex is run on; longer values are cut (a header is rarely longer).
    static let maxValueBytes = 64 * 1024
    /// Units of run work (a thread stepping over a byte, an instruction followed) per step of the budget.
    /// With it, the default budget of 2,000,000 steps is about 50 ms of matching at most (see the README).
    static let workPerStep = 4

    private init(program: RegexProgram, groupCount: Int) {
        self.program = program
        self.groupCount = groupCount
    }

    /// Instructions of the compiled program (what a script's patterns add up to).
    var size: Int { program.instructions.count }

    static func compile(_ pattern: String, ignoringCase: Bool) -> Result<SieveRegex, RegexProblem> {
        let bytes = Array(pattern.utf8)
        guard bytes.count <= maxPatternBytes else {
            return .failure(RegexProblem(message: "the regular expression is longer than \(maxPatternBytes) bytes"))
        }
        do throws(RegexProblem) {
            var parser = RegexParser(bytes, ignoringCase: ignoringCase)
            let node = try parser.parse()
            let program = try RegexCompiler.compile(node, groupCount: parser.groupCount)
            return .success(SieveRegex(program: program, groupCount: parser.groupCount))
        } catch {
            return .failure(error)
        }
    }

    /// Whether the pattern matches somewhere in the value; by the DFA from `dfaFrom` bytes of value on.
    func matches(_ value: String, budget: inout StepBudget, dfaFrom minimum: Int = dfaMinimumBytes)
        throws(StepBudget.Exhausted) -> Bool
    {
        var value = value
        let remaining = budget.remaining
        let answer: (matched: Bool, work: Int, exhausted: Bool)? = value.withUTF8 { whole in
            let text = Self.searched(whole)
            guard text.count >= minimum else { return nil }
            let allowance = Self.allowance(remaining)
            return dfa.withLockIfAvailable { $0.matches(text, program, allowance: allowance) } ?? nil
        }
        guard let answer else { return try run(value, budget: &budget, capturing: false) { _, slots in slots != nil } }
        if answer.exhausted { try budget.spend(budget.remaining + 1) }
        try budget.spend(1 + answer.work / Self.workPerStep)
        return answer.matched
    }

    /// The part of a value a pattern is run on: regexec reads a C string, so the value ends at its first NUL,
    /// as it did for glibc and Pigeonhole; and at most `maxValueBytes`.
    private static func searched(_ whole: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var length = min(whole.count, maxValueBytes)
        if length > 0, let base = whole.baseAddress, let nul = memchr(base, 0, length) {
            length = UnsafePointer(nul.assumingMemoryBound(to: UInt8.self)) - base
        }
        return UnsafeBufferPointer(rebasing: whole[..<length])
    }

    /// Units of work a run may do with this many steps left.
    private static func allowance(_ remaining: Int) -> Int {
        let allowance = remaining.multipliedReportingOverflow(by: workPerStep)
        return allowance.overflow ? Int.max : allowance.partialValue
    }

    /// `${0}` … `${9}` of the leftmost-longest match (empty for groups that took no part), or nil.
    func match(_ value: String, budget: inout StepBudget) throws(StepBudget.Exhausted) -> [String]? {
        try run(value, budget: &budget, capturing: true) { text, slots in
            guard let slots else { return nil }
            var groups: [String] = []
            for group in 0...RegexCompiler.capturedGroups {
                let start = 2 * group < slots.count ? Int(slots[2 * group]) : -1
                let end = 2 * group + 1 < slots.count ? Int(slots[2 * group + 1]) : -1
                guard start >= 0, end >= start else {
                    groups.append("")
                    continue
                }
                groups.append(String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self))
            }
            return groups
        }
    }

    private func run<T>(
        _ value: String, budget: inout StepBudget, capturing: Bool,
        _ result: (UnsafeBufferPointer<UInt8>, [Int32]?) -> T
    ) throws(StepBudget.Exhausted) -> T {
        var value = value
        let (answer, work, exhausted): (T, Int, Bool) = value.withUTF8 { whole in
            let text = Self.searched(whole)
            var run = RegexRun(
                instructions: program.instructions.count, slots: capturing ? program.slotCount : 0,
                allowance: Self.allowance(budget.remaining))
            defer { run.deallocate() }
            let slots = run.search(text, program, capturing: capturing)
            return (result(text, run.exhausted ? nil : slots), run.work, run.exhausted)
        }
        if exhausted { try budget.spend(budget.remaining + 1) }
        try budget.spend(1 + work / Self.workPerStep)
        return answer
    }
}
