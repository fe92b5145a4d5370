/// The instructions of a compiled regular expression: a Thompson NFA laid out as a program, run by
/// `RegexRun` one input byte at a time over all its threads at once (a "Pike VM").
struct RegexInstruction: Sendable {
    enum Operation: UInt8, Sendable {
        /// Consume the byte `x`.
        case byte
        /// Consume a byte in set number `x`.
        case set
        /// Consume any byte.
        case any
        /// Continue at `x`, and with less priority at `y`.
        case split
        case jump
        /// Record the position in capture slot `x` (slot 0 and 1: the whole match).
        case save
        /// Continue only if `RegexAssertion(rawValue: x)` holds here.
        case assert
        case match
    }

    var operation: Operation
    var x: Int32
    var y: Int32
}

/// A compiled pattern, immutable and shared: the instructions, the byte sets they use, and what is known of
/// how a match can begin (so a run skips the bytes where none can).
struct RegexProgram: Sendable {
    var instructions: [RegexInstruction]
    /// Four words per set (see `ByteSet`).
    var setWords: [UInt64]
    /// Capture slots recorded: 2 × (groups kept + 1), groups 1…9 only (`${1}`…`${9}`).
    var slotCount: Int
    /// The bytes a match can begin with; nil when a match can be empty (then every position is a start).
    var firstBytes: ByteSet?
    /// Whether every match begins with `^`: then only position 0 can start one.
    var anchoredAtStart: Bool
}

/// Turns a syntax tree into a program whose size is known before a single instruction is written: counted
/// repetitions are copies of their operand, so `((a{1,100}){1,100}){1,100}` would be a million copies; it is
/// refused instead, with the size it would have.
struct RegexCompiler {
    /// Instructions one pattern may compile to. 10,000 instructions are about 120 KB, and a run costs at most
    /// that many thread steps per input byte (bounded further by the step budget).
    static let maxInstructions = 10_000
    static let capturedGroups = 9

    private var instructions: [RegexInstruction] = []
    private var sets: [ByteSet] = []
    private var setNumbers: [ByteSet: Int32] = [:]

    /// The number of instructions `node` compiles to, or `limit + 1` when more.
    static func size(of node: RegexNode, limit: Int) -> Int {
        func clamp(_ value: Int) -> Int { min(value, limit + 1) }
        switch node {
        case .byte, .set, .assertion: return 1
        case .group(let inner, let number):
            return clamp(size(of: inner, limit: limit) + (number <= capturedGroups ? 2 : 0))
        case .concatenation(let items):
            var total = 0
            for item in items { total = clamp(total + size(of: item, limit: limit)) }
            return total
        case .alternation(let branches):
            var total = 0
            for branch in branches { total = clamp(total + size(of: branch, limit: limit) + 2) }
            return total
        case .repetition(let inner, let minimum, let maximum):
            let one = size(of: inner, limit: limit)
            if let maximum {
                // m copies, then (n - m) optional copies, each behind a split.
                return clamp(minimum * one + (maximum - minimum) * (one + 1))
            }
            // m copies whose last one loops back (a split after it), or a split, the operand and a jump.
            return minimum == 0 ? clamp(one + 2) : clamp(minimum * one + 1)
        }
    }

    static func compile(_ node: RegexNode, groupCount: Int) throws(RegexProblem) -> RegexProgram {
        let bodySize = size(of: node, limit: maxInstructions)
        guard bodySize + 3 <= maxInstructions else {
            throw RegexProblem(
                message: "the regular expression is too large once its repetitions are expanded "
                    + "(more than \(maxInstructions) steps; nested counts such as {1,100} multiply)")
        }
        var compiler = RegexCompiler()
        compiler.instructions.reserveCapacity(bodySize + 3)
        compiler.emit(.save, 0)
        compiler.emit(node)
        compiler.emit(.save, 1)
        compiler.emit(.match)
        let program = RegexProgram(
            instructions: compiler.instructions, setWords: compiler.sets.flatMap(\.words),
            slotCount: 2 * (min(groupCount, capturedGroups) + 1), firstBytes: nil, anchoredAtStart: false)
        return RegexStart.analyze(program)
    }

    @discardableResult
    private mutating func emit(_ operation: RegexInstruction.Operation, _ x: Int32 = 0, _ y: Int32 = 0) -> Int {
        instructions.append(RegexInstruction(operation: operation, x: x, y: y))
        return instructions.count - 1
    }

    private var next: Int32 { Int32(instructions.count) }

    private mutating func patch(_ at: Int, x: Int32? = nil, y: Int32? = nil) {
        if let x { instructions[at].x = x }
        if let y { instructions[at].y = y }
    }

    private mutating func emit(_ node: RegexNode) {
        switch node {
        case .byte(let value):
            emit(.byte, Int32(value))
        case .set(let set):
            if set == .all {
                emit(.any)
            } else if let number = setNumbers[set] {
                emit(.set, number)
            } else {
                let number = Int32(sets.count)
                sets.append(set)
                setNumbers[set] = number
                emit(.set, number)
            }
        case .assertion(let assertion):
            emit(.assert, assertion.rawValue)
        case .group(let inner, let number):
            guard number <= Self.capturedGroups else { return emit(inner) }
            emit(.save, Int32(2 * number))
            emit(inner)
            emit(.save, Int32(2 * number + 1))
        case .concatenation(let items):
            for item in items { emit(item) }
        case .alternation(let branches):
            // split L1, next; L1: a; jump end; next: split L2, next2; … the last branch has no split.
            var jumps: [Int] = []
            for (position, branch) in branches.enumerated() {
                if position < branches.count - 1 {
                    let split = emit(.split)
                    patch(split, x: next)
                    emit(branch)
                    jumps.append(emit(.jump))
                    patch(split, y: next)
                } else {
                    emit(branch)
                }
            }
            for jump in jumps { patch(jump, x: next) }
        case .repetition(let inner, let minimum, let maximum):
            if let maximum {
                for _ in 0..<minimum { emit(inner) }
                // (x(x(x)?)?)?: every optional copy may stop the whole repetition.
                var splits: [Int] = []
                for _ in minimum..<maximum {
                    let split = emit(.split)
                    patch(split, x: next)
                    emit(inner)
                    splits.append(split)
                }
                for split in splits { patch(split, y: next) }
            } else if minimum == 0 {
                let loop = emit(.split)
                patch(loop, x: next)
                emit(inner)
                emit(.jump, Int32(loop))
                patch(loop, y: next)
            } else {
                for _ in 0..<(minimum - 1) { emit(inner) }
                let start = next
                emit(inner)
                emit(.split, start, next + 1)
            }
        }
    }
}

/// What a program's start tells a run: which bytes can begin a match, and whether only position 0 can.
enum RegexStart {
    static func analyze(_ program: RegexProgram) -> RegexProgram {
        var program = program
        let code = program.instructions
        // First bytes: follow every epsilon edge from the start, assertions taken as true.
        var seen = [Bool](repeating: false, count: code.count)
        var stack = [0]
        var first = ByteSet()
        var canBeEmpty = false
        while let pc = stack.popLast() {
            guard !seen[pc] else { continue }
            seen[pc] = true
            let instruction = code[pc]
            switch instruction.operation {
            case .byte: first.insert(UInt8(instruction.x))
            case .set: first.formUnion(set(program, Int(instruction.x)))
            case .any: first = .all
            case .split: stack += [Int(instruction.y), Int(instruction.x)]
            case .jump: stack.append(Int(instruction.x))
            case .save, .assert: stack.append(pc + 1)
            case .match: canBeEmpty = true
            }
        }
        program.firstBytes = canBeEmpty || first == .all ? nil : first
        // Anchored: no consuming instruction and no match is reachable without passing a `^`.
        seen = [Bool](repeating: false, count: code.count)
        stack = [0]
        var anchored = true
        while let pc = stack.popLast(), anchored {
            guard !seen[pc] else { continue }
            seen[pc] = true
            let instruction = code[pc]
            switch instruction.operation {
            case .byte, .set, .any, .match: anchored = false
            case .split: stack += [Int(instruction.y), Int(instruction.x)]
            case .jump: stack.append(Int(instruction.x))
            case .save: stack.append(pc + 1)
            case .assert:
                if instruction.x != RegexAssertion.start.rawValue { stack.append(pc + 1) }
            }
        }
        program.anchoredAtStart = anchored
        return program
    }

    private static func set(_ program: RegexProgram, _ number: Int) -> ByteSet {
        var set = ByteSet()
        set.w0 = program.setWords[4 * number]
        set.w1 = program.setWords[4 * number + 1]
        set.w2 = program.setWords[4 * number + 2]
        set.w3 = program.setWords[4 * number + 3]
        return set
    }
}
