/// One run of a program over one value: every thread advances by one input byte at a time, and two threads
/// at the same instruction are one (the first, which has priority, survives). Time is O(instructions × bytes),
/// memory O(instructions × capture slots), whatever the pattern: no backtracking.
///
/// `work` counts what the run did (setting up, a thread stepped over a byte, an instruction visited while
/// following jumps and splits); the run stops once it passes `allowance`, so a caller bounds the time.
///
/// A struct with its state in raw buffers (freed by `deallocate`): the loops then run without reference
/// counting or exclusivity checks, which made a class version several times slower.
struct RegexRun {
    /// Work charged for starting a run, whatever the value (about the cost of a few short matches).
    static let setupWork = 64

    private let count: Int
    private let slots: Int
    private var current: UnsafeMutablePointer<Int32>
    private var following: UnsafeMutablePointer<Int32>
    /// The position + 1 at which an instruction was last added: each one is added once per position.
    private let mark: UnsafeMutablePointer<Int32>
    private let stack: UnsafeMutablePointer<StackEntry>
    /// Capture slots per thread, in the order of `current` / `following` (the capturing run only).
    private var currentSlots: UnsafeMutablePointer<Int32>
    private var followingSlots: UnsafeMutablePointer<Int32>
    private let working: UnsafeMutablePointer<Int32>

    private(set) var work: Int
    /// What stepping or adding one thread counts: a capturing run copies the thread's slots each time.
    private let unit: Int
    let allowance: Int
    private(set) var exhausted = false

    private struct StackEntry {
        /// The instruction to follow, or -1 for "restore slot `slot` to `value`".
        var pc: Int32
        var slot: Int32
        var value: Int32
    }

    init(instructions count: Int, slots: Int, allowance: Int) {
        self.count = count
        self.slots = slots
        self.allowance = allowance
        unit = 1 + slots / 4
        current = .allocate(capacity: count)
        following = .allocate(capacity: count)
        mark = .allocate(capacity: count)
        mark.initialize(repeating: 0, count: count)
        // Each instruction is visited once per closure: a split pushes two entries, a save two (its restore).
        stack = .allocate(capacity: 2 * count + 2)
        currentSlots = .allocate(capacity: max(1, count * slots))
        followingSlots = .allocate(capacity: max(1, count * slots))
        working = .allocate(capacity: max(1, slots))
        // Setting up costs too: a script must not make a million cheap runs of a large program for free.
        work = Self.setupWork + count
    }

    func deallocate() {
        current.deallocate()
        following.deallocate()
        mark.deallocate()
        stack.deallocate()
        currentSlots.deallocate()
        followingSlots.deallocate()
        working.deallocate()
    }

    @inline(__always)
    private static func consumes(_ instruction: RegexInstruction, _ byte: UInt8, _ sets: UnsafeBufferPointer<UInt64>)
        -> Bool
    {
        switch instruction.operation {
        case .byte: return UInt8(truncatingIfNeeded: instruction.x) == byte
        case .any: return true
        case .set: return (sets[Int(instruction.x) &* 4 &+ Int(byte >> 6)] >> UInt64(byte & 63)) & 1 != 0
        default: return false
        }
    }

    @inline(__always)
    private static func isWord(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    /// Without captures the answer is only non-nil (a match exists; the run stops at the first one found) or
    /// nil; with them, the slots of the leftmost-longest match.
    mutating func search(_ text: UnsafeBufferPointer<UInt8>, _ program: RegexProgram, capturing: Bool) -> [Int32]? {
        program.instructions.withUnsafeBufferPointer { code in
            program.setWords.withUnsafeBufferPointer { sets in
                search(
                    text, code, sets, firstBytes: program.firstBytes, anchored: program.anchoredAtStart,
                    capturing: capturing)
            }
        }
    }

    private mutating func search(
        _ text: UnsafeBufferPointer<UInt8>, _ code: UnsafeBufferPointer<RegexInstruction>,
        _ sets: UnsafeBufferPointer<UInt64>, firstBytes: ByteSet?, anchored: Bool, capturing: Bool
    ) -> [Int32]? {
        let length = text.count
        var best: [Int32]?
        var bestStart = Int32.max
        var bestEnd = Int32(-1)
        var position = 0
        var currentCount = 0
        // The threads of `current` are at `position`; a new thread starts there at the lowest priority, as
        // long as no match was found (a later start cannot be leftmost).
        while true {
            if best == nil && !(anchored && position > 0) {
                if currentCount == 0, let first = firstBytes {
                    // Nothing alive: skip to the next byte a match can begin with.
                    let skipFrom = position
                    while position < length, !first.contains(text[position]) { position &+= 1 }
                    work &+= (position &- skipFrom) >> 4
                    if position == length { break }
                }
                if capturing {
                    for slot in 0..<slots { working[slot] = -1 }
                }
                let matched = addClosure(0, at: position, text, code, capturing, current, &currentCount, currentSlots)
                if matched && !capturing { return [] }
            }
            if capturing {
                // Threads at the match instruction end a match here.
                for index in 0..<currentCount where code[Int(current[index])].operation == .match {
                    let start = currentSlots[index &* slots]
                    let end = currentSlots[index &* slots &+ 1]
                    if start < bestStart || (start == bestStart && end > bestEnd) {
                        best = Array(UnsafeBufferPointer(start: currentSlots + index &* slots, count: slots))
                        bestStart = start
                        bestEnd = end
                    }
                }
            }
            if position >= length { break }
            if currentCount == 0 && (best != nil || anchored) { break }
            let byte = text[position]
            var followingCount = 0
            for index in 0..<currentCount {
                let pc = Int(current[index])
                guard Self.consumes(code[pc], byte, sets) else { continue }
                if capturing {
                    // A thread that started after the best match so far cannot beat it.
                    if currentSlots[index &* slots] > bestStart { continue }
                    working.update(from: currentSlots + index &* slots, count: slots)
                }
                let matched = addClosure(
                    pc &+ 1, at: position &+ 1, text, code, capturing, following, &followingCount, followingSlots)
                if matched && !capturing { return [] }
            }
            work &+= currentCount &* unit
            if work > allowance {
                exhausted = true
                return nil
            }
            swap(&current, &following)
            swap(&currentSlots, &followingSlots)
            currentCount = followingCount
            position &+= 1
        }
        return best
    }

    /// Adds the thread at `start` and everything it reaches without consuming a byte, in priority order.
    /// Returns whether the match instruction was reached.
    @inline(__always)
    private mutating func addClosure(
        _ start: Int, at position: Int, _ text: UnsafeBufferPointer<UInt8>,
        _ code: UnsafeBufferPointer<RegexInstruction>, _ capturing: Bool,
        _ list: UnsafeMutablePointer<Int32>, _ listCount: inout Int, _ listSlots: UnsafeMutablePointer<Int32>
    ) -> Bool {
        let stamp = Int32(truncatingIfNeeded: position &+ 1)
        var reachedMatch = false
        var visited = 0
        stack[0] = StackEntry(pc: Int32(truncatingIfNeeded: start), slot: 0, value: 0)
        var top = 1
        while top > 0 {
            top &-= 1
            let entry = stack[top]
            if entry.pc < 0 {
                working[Int(entry.slot)] = entry.value
                continue
            }
            let pc = Int(entry.pc)
            if mark[pc] == stamp { continue }
            mark[pc] = stamp
            visited &+= 1
            let instruction = code[pc]
            switch instruction.operation {
            case .byte, .set, .any, .match:
                list[listCount] = Int32(truncatingIfNeeded: pc)
                if capturing { (listSlots + listCount &* slots).update(from: working, count: slots) }
                listCount &+= 1
                if instruction.operation == .match { reachedMatch = true }
            case .jump:
                stack[top] = StackEntry(pc: instruction.x, slot: 0, value: 0)
                top &+= 1
            case .split:
                stack[top] = StackEntry(pc: instruction.y, slot: 0, value: 0)
                stack[top &+ 1] = StackEntry(pc: instruction.x, slot: 0, value: 0)
                top &+= 2
            case .save:
                if capturing, Int(instruction.x) < slots {
                    stack[top] = StackEntry(pc: -1, slot: instruction.x, value: working[Int(instruction.x)])
                    top &+= 1
                    working[Int(instruction.x)] = Int32(truncatingIfNeeded: position)
                }
                stack[top] = StackEntry(pc: Int32(truncatingIfNeeded: pc &+ 1), slot: 0, value: 0)
                top &+= 1
            case .assert:
                if Self.holds(instruction.x, at: position, text) {
                    stack[top] = StackEntry(pc: Int32(truncatingIfNeeded: pc &+ 1), slot: 0, value: 0)
                    top &+= 1
                }
            }
        }
        work &+= visited &* unit
        return reachedMatch
    }

    @inline(__always)
    private static func holds(_ assertion: Int32, at position: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let atStart = position == 0
        let atEnd = position >= text.count
        let before = !atStart && isWord(text[position &- 1])
        let after = !atEnd && isWord(text[position])
        switch RegexAssertion(rawValue: assertion) {
        case .start: return atStart
        case .end: return atEnd
        case .wordBoundary: return before != after
        case .notWordBoundary: return before == after
        case .wordStart: return !before && after
        case .wordEnd: return before && !after
        case nil: return false
        }
    }
}
