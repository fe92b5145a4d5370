import Synchronization

/// The answer to "does the pattern match somewhere in this value" from a DFA built lazily out of the program
/// (subset construction, one state per set of NFA threads met), kept between runs: after a few messages a
/// body is matched at one table lookup per byte, where `RegexRun` steps every live thread at every byte.
/// The rule packs run a dozen patterns over every message body; the thread simulation was most of their cost.
///
/// A state is the set of instructions threads resume at (before following jumps, splits and assertions) and
/// what the previous byte was (none, a word byte, another byte): assertions are decided when the next byte is
/// known, so `\b`, `^` and `$` are exact. Bytes that every instruction and `\w` treat alike share a column of
/// the table (byte classes). The answer is the Pike VM's without captures: both follow the same NFA.
///
/// Bounds: at most `maxTableEntries` transitions and `maxStoredThreads` thread entries are kept per pattern
/// (about 0.5 MB); when either is reached the cache is emptied and built again from the current state, as
/// RE2 does. All patterns of the process together keep at most `maxProcessEntries` (about 32 MB: the scripts
/// of thousands of accounts may each hold patterns); past that a pattern builds no new state and the run is
/// left to the thread simulation, which needs no cache. Work is counted like the thread simulation's (a byte read, an instruction followed while building
/// a state), so a pattern whose states cannot be reused costs what it costs there, and the step budget stops it.
struct RegexDFA {
    /// Below 65,533, so every row offset fits the table's 16-bit entries beside their three marks.
    static let maxTableEntries = (1 << 16) - 4
    static let maxStoredThreads = 1 << 16
    /// Answers of a transition: a state, as the offset of its row (its number × classCount), or one of these.
    static let unknown: Int32 = -1
    static let matched: Int32 = -2
    /// No thread left (an anchored pattern past its start): no match from here on.
    static let dead: Int32 = -3
    /// The process's allowance of entries is spent: this run goes to the thread simulation.
    static let noRoom: Int32 = -4
    static let maxProcessEntries = 8 << 20
    /// Entries (transitions and thread entries) all patterns' DFAs hold.
    static let processEntries = Atomic<Int>(0)

    /// The table's marks for `unknown`, `matched` and `dead`: the three largest 16-bit values.
    private static let firstMark: UInt16 = 0xFFFD

    /// A transition's answer as the table keeps it.
    @inline(__always) private static func stored(_ answer: Int32) -> UInt16 {
        answer >= 0 ? UInt16(answer) : UInt16(truncatingIfNeeded: 0x1_0000 &+ Int(answer))
    }

    /// The answer an entry of the table stands for.
    @inline(__always) private static func answer(_ entry: UInt16) -> Int32 {
        entry >= firstMark ? Int32(entry) &- 0x1_0000 : Int32(entry)
    }

    private struct StateKey: Hashable {
        var threads: [Int32]
        /// 0 at the value's start, 1 after a word byte, 2 after another byte.
        var previous: UInt8
    }

    private var built = false
    private var classOf: [UInt8] = []
    private var representative: [UInt8] = []
    private var classCount = 0
    private var states: [StateKey] = []
    private var numbers: [StateKey: Int32] = [:]
    /// The transitions, 16 bits each (half the memory of 32, so more of the table stays in the caches between
    /// messages): a row offset, or `Self.stored` of `unknown`, `matched` or `dead`.
    private var table: [UInt16] = []
    /// Per state: whether a match is reached at the end of the value (-1 not known yet).
    private var atEnd: [Int8] = []
    private var storedThreads = 0
    /// What this DFA counts in `processEntries`.
    private var ownEntries = 0
    private var mark: [Int32] = []
    private var stamp: Int32 = 0
    private var stack: [Int32] = []

    init() {}

    /// Whether the program matches somewhere in `text`, with the work done; `exhausted` when the work passed
    /// `allowance` before the answer was known. Nil when the process's allowance of states is spent.
    mutating func matches(_ text: UnsafeBufferPointer<UInt8>, _ program: RegexProgram, allowance: Int)
        -> (matched: Bool, work: Int, exhausted: Bool)?
    {
        if !built { build(program) }
        var work = RegexRun.setupWork
        guard let first = start(program) else { return nil }
        // The state as its row's offset in `table` (number × classCount), as the table holds it: the loop's
        // chain from one byte to the next is an add and a load, without a multiply.
        var row = Int(first) &* classCount
        var position = 0
        let count = text.count
        while true {
            // The fast part: known transitions, one lookup per byte, until an unknown one or the allowance.
            let room = max(0, allowance &- work)
            let limit = room >= count &- position ? count : position &+ room
            var entry: UInt16 = 0
            let from = position
            table.withUnsafeBufferPointer { entries in
                classOf.withUnsafeBufferPointer { classes in
                    while position < limit {
                        entry = entries[row &+ Int(classes[Int(text[position])])]
                        if entry >= Self.firstMark { break }
                        row = Int(entry)
                        position &+= 1
                    }
                }
            }
            var next = Self.answer(entry)
            work &+= position &- from
            let state = row / classCount
            if position == count {
                let found = endMatches(state, program, &work)
                return (found, work, work > allowance)
            }
            if position == limit { return (false, work, true) }
            if next == Self.unknown {
                next = transition(state, Int(classOf[Int(text[position])]), program, &work)
                if work > allowance { return (false, work, true) }
            }
            if next == Self.matched { return (true, work, false) }
            if next == Self.dead { return (false, work, false) }
            if next == Self.noRoom { return nil }
            row = Int(next)
            position &+= 1
            work &+= 1
        }
    }

    private mutating func build(_ program: RegexProgram) {
        built = true
        // Byte classes: split the bytes by every byte instruction, every set and `\w`.
        var classes = [Int](repeating: 0, count: 256)
        func refine(_ contains: (UInt8) -> Bool) {
            var renumber: [Int: Int] = [:]
            for byte in 0..<256 {
                let key = classes[byte] &* 2 &+ (contains(UInt8(byte)) ? 1 : 0)
                if let known = renumber[key] {
                    classes[byte] = known
                } else {
                    let number = renumber.count
                    renumber[key] = number
                    classes[byte] = number
                }
            }
        }
        var bytes = Set<UInt8>()
        for instruction in program.instructions where instruction.operation == .byte {
            bytes.insert(UInt8(truncatingIfNeeded: instruction.x))
        }
        for byte in bytes.sorted() { refine { $0 == byte } }
        for set in 0..<(program.setWords.count / 4) {
            let words = Array(program.setWords[(4 * set)..<(4 * set + 4)])
            refine { (words[Int($0 >> 6)] >> UInt64($0 & 63)) & 1 != 0 }
        }
        refine(ByteSet.word.contains)
        classCount = (classes.max() ?? 0) + 1
        classOf = classes.map { UInt8(truncatingIfNeeded: $0) }
        representative = [UInt8](repeating: 0, count: classCount)
        for byte in (0..<256).reversed() { representative[classes[byte]] = UInt8(byte) }
        mark = [Int32](repeating: 0, count: program.instructions.count)
        stack.reserveCapacity(2 * program.instructions.count + 2)
    }

    /// The start state's number while the cache holds it: looking it up by its key hashed an array at every
    /// value matched.
    private var startState: Int32?

    private mutating func start(_ program: RegexProgram) -> Int32? {
        if let startState { return startState }
        let found = state(for: StateKey(threads: [0], previous: 0))
        startState = found
        return found
    }

    /// The number of a state, added when new; the cache emptied first when full. Nil when the process's
    /// allowance does not leave room for it.
    private mutating func state(for key: StateKey) -> Int32? {
        if let known = numbers[key] { return known }
        if table.count &+ classCount > Self.maxTableEntries
            || storedThreads &+ key.threads.count > Self.maxStoredThreads
        {
            release()
        }
        let cost = classCount &+ key.threads.count
        if Self.processEntries.add(cost, ordering: .relaxed).newValue > Self.maxProcessEntries {
            Self.processEntries.subtract(cost, ordering: .relaxed)
            return nil
        }
        ownEntries &+= cost
        let number = Int32(states.count)
        states.append(key)
        numbers[key] = number
        table.append(contentsOf: repeatElement(Self.stored(Self.unknown), count: classCount))
        atEnd.append(-1)
        storedThreads &+= key.threads.count
        return number
    }

    /// Empties the cache and gives its entries back to the process's allowance.
    mutating func release() {
        startState = nil
        states.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        table.removeAll(keepingCapacity: true)
        atEnd.removeAll(keepingCapacity: true)
        storedThreads = 0
        Self.processEntries.subtract(ownEntries, ordering: .relaxed)
        ownEntries = 0
    }

    /// Follows the state's threads over a byte of class `byteClass` and records where that leads: the next
    /// state's row offset (number × classCount, as `table` holds states), or a negative answer.
    private mutating func transition(_ from: Int, _ byteClass: Int, _ program: RegexProgram, _ work: inout Int)
        -> Int32
    {
        let byte = representative[byteClass]
        let key = states[from]
        let isWord = ByteSet.word.contains(byte)
        var resumed: [Int32] = []
        let reachedMatch = follow(
            key, program, atEnd: false, nextIsWord: isWord, work: &work
        ) { pc, instruction in
            if Self.consumes(instruction, byte, program) { resumed.append(pc &+ 1) }
        }
        let next: Int32
        if reachedMatch {
            next = Self.matched
        } else {
            if !program.anchoredAtStart { resumed.append(0) }
            if resumed.isEmpty {
                next = Self.dead
            } else {
                resumed.sort()
                var unique: [Int32] = []
                unique.reserveCapacity(resumed.count)
                for pc in resumed where unique.last != pc { unique.append(pc) }
                work &+= unique.count
                let resumedKey = StateKey(threads: unique, previous: isWord ? 1 : 2)
                next = state(for: resumedKey).map { $0 &* Int32(classCount) } ?? Self.noRoom
            }
        }
        // `state(for:)` may have emptied the cache: `from` is then gone, and the answer is not recorded.
        // Nor is a lack of room, which may not last.
        if next != Self.noRoom, from < states.count, states[from] == key {
            table[from &* classCount &+ byteClass] = Self.stored(next)
        }
        work &+= classCount >> 2
        return next
    }

    private mutating func endMatches(_ state: Int, _ program: RegexProgram, _ work: inout Int) -> Bool {
        if atEnd[state] >= 0 { return atEnd[state] == 1 }
        let found = follow(states[state], program, atEnd: true, nextIsWord: false, work: &work) { _, _ in }
        atEnd[state] = found ? 1 : 0
        return found
    }

    /// Follows jumps, splits, saves and assertions from the state's threads at one position, calling `visit`
    /// for each consuming instruction reached; returns whether the match instruction is reached.
    private mutating func follow(
        _ key: StateKey, _ program: RegexProgram, atEnd: Bool, nextIsWord: Bool, work: inout Int,
        _ visit: (Int32, RegexInstruction) -> Void
    ) -> Bool {
        if stamp == Int32.max {
            stamp = 0
            for index in mark.indices { mark[index] = 0 }
        }
        stamp &+= 1
        let atStart = key.previous == 0
        let before = key.previous == 1
        stack.removeAll(keepingCapacity: true)
        stack.append(contentsOf: key.threads.reversed())
        var visited = 0
        var reachedMatch = false
        let code = program.instructions
        while let pc = stack.popLast() {
            let index = Int(pc)
            if mark[index] == stamp { continue }
            mark[index] = stamp
            visited &+= 1
            let instruction = code[index]
            switch instruction.operation {
            case .byte, .set, .any: visit(pc, instruction)
            case .match: reachedMatch = true
            case .jump: stack.append(instruction.x)
            case .split:
                stack.append(instruction.y)
                stack.append(instruction.x)
            case .save: stack.append(pc &+ 1)
            case .assert:
                let holds: Bool
                switch RegexAssertion(rawValue: instruction.x) {
                case .start: holds = atStart
                case .end: holds = atEnd
                case .wordBoundary: holds = before != (!atEnd && nextIsWord)
                case .notWordBoundary: holds = before == (!atEnd && nextIsWord)
                case .wordStart: holds = !before && !atEnd && nextIsWord
                case .wordEnd: holds = before && !(!atEnd && nextIsWord)
                case nil: holds = false
                }
                if holds { stack.append(pc &+ 1) }
            }
        }
        work &+= visited
        return reachedMatch
    }

    private static func consumes(_ instruction: RegexInstruction, _ byte: UInt8, _ program: RegexProgram) -> Bool {
        switch instruction.operation {
        case .byte: return UInt8(truncatingIfNeeded: instruction.x) == byte
        case .any: return true
        case .set:
            let word = program.setWords[Int(instruction.x) &* 4 &+ Int(byte >> 6)]
            return (word >> UInt64(byte & 63)) & 1 != 0
        default: return false
        }
    }
}
