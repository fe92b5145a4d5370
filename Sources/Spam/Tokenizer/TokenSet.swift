/// The set of a message's token hashes seen so far: open addressing over the hashes themselves, which FNV-1a has
/// already spread, so no second hash is computed (Swift's `Set` runs SipHash on every insert: 3 % of the
/// tokenizer's time in `perf`). Grows by doubling; at most `TokenizerLimits.maxTokens` entries are ever put in.
///
/// Its slots are memory it owns (not an array): an array's uniqueness check at every insert was a runtime call
/// per token. Not copyable, so that memory has one owner, which frees it.
struct TokenSet: ~Copyable {
    private var slots: UnsafeMutablePointer<UInt64>
    /// The number of slots, a power of two.
    private var size: Int
    private var count = 0
    /// The hash 0 cannot mark an empty slot and be a member at once: it is kept aside.
    private var hasZero = false

    init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        self.size = size
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
    }

    deinit { slots.deallocate() }

    /// Adds `value`; false when it was there already.
    @inline(__always) mutating func insert(_ value: UInt64) -> Bool {
        if value == 0 {
            defer { hasZero = true }
            return !hasZero
        }
        if (count + 1) * 2 > size { grow() }
        let mask = size - 1
        var index = Int(truncatingIfNeeded: value ^ (value >> 29)) & mask
        while true {
            let slot = slots[index]
            if slot == value { return false }
            if slot == 0 {
                slots[index] = value
                count += 1
                return true
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        let oldSize = size
        size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        count = 0
        for index in 0..<oldSize where old[index] != 0 { _ = insert(old[index]) }
        old.deallocate()
    }
}
