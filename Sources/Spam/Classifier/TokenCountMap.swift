/// Token counts by hash, in one flat open-addressing table: the key is already an FNV hash, so no second hash is
/// computed, and a lookup touches one or two adjacent slots. Scoring looks up every token of every message here;
/// with `Dictionary` the lookups (SipHash, then the bucket) were 8 % of scoring in `perf`.
struct TokenCountMap: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var counts: TokenCounts
    }

    private var slots: [Slot]
    /// Entries in use; slots hold at most half of them.
    private(set) var count = 0
    /// The key 0 is the empty-slot mark; a token hashing to it is kept aside.
    private var zero: TokenCounts?

    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, counts: TokenCounts()), count: size)
    }

    subscript(key: UInt64) -> TokenCounts? {
        get {
            if key == 0 { return zero }
            let mask = slots.count - 1
            var index = Self.start(key, mask)
            while true {
                let slot = slots[index]
                if slot.key == key { return slot.counts }
                if slot.key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
        set {
            if key == 0 {
                if (zero == nil) != (newValue == nil) { count += newValue == nil ? -1 : 1 }
                zero = newValue
                return
            }
            if let newValue { insert(key, newValue) } else { remove(key) }
        }
    }

    /// The counts of each of `keys` (what the subscript gives), looked up in two passes: first every key's home
    /// slot is copied out, in a loop with no branch on what the slots hold, so the CPU issues the loads of many
    /// keys at once and their cache misses overlap (the table is larger than the caches); then each key is
    /// settled from its copy, probing further only when its home slot holds another key. Looked up one by one,
    /// a mispredicted branch on each slot's key made the misses wait on each other: three quarters of
    /// `classify` was that one compare in `perf annotate`.
    func counts(of keys: [TokenHash]) -> [TokenCounts?] {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            return withUnsafeTemporaryAllocation(of: Slot.self, capacity: keys.count) { homes in
                for (offset, key) in keys.enumerated() {
                    homes.initializeElement(at: offset, to: slots[Self.start(key.value, mask)])
                }
                return keys.indices.map { offset -> TokenCounts? in
                    let key = keys[offset].value
                    let home = homes[offset]
                    if key == 0 { return zero }
                    if home.key == key { return home.counts }
                    if home.key == 0 { return nil }
                    return self[key]
                }
            }
        }
    }

    @inline(__always) private static func start(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
    }

    private mutating func insert(_ key: UInt64, _ counts: TokenCounts) {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = Self.start(key, mask)
        while true {
            if slots[index].key == key {
                slots[index].counts = counts
                return
            }
            if slots[index].key == 0 {
                slots[index] = Slot(key: key, counts: counts)
                count += 1
                return
            }
            index = (index + 1) & mask
        }
    }

    /// Removes by backward shift (no tombstones: a table that learns and unlearns for months stays as fast).
    private mutating func remove(_ key: UInt64) {
        let mask = slots.count - 1
        var index = Self.start(key, mask)
        while slots[index].key != key {
            if slots[index].key == 0 { return }
            index = (index + 1) & mask
        }
        count -= 1
        var hole = index
        var next = (hole + 1) & mask
        while slots[next].key != 0 {
            let home = Self.start(slots[next].key, mask)
            // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
            let homeIsBetween = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !homeIsBetween {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = Slot(key: 0, counts: TokenCounts())
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, counts: TokenCounts()), count: old.count * 2)
        let kept = count - (zero == nil ? 0 : 1)
        count = zero == nil ? 0 : 1
        for slot in old where slot.key != 0 { insert(slot.key, slot.counts) }
        assert(count == kept + (zero == nil ? 0 : 1))
    }
}
