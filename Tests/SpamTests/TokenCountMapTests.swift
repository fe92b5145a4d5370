import Testing

@testable import Spam

@Suite struct TokenCountMapTests {
    /// Random inserts, updates and removals, compared with a Dictionary after every step: growth, removal by
    /// backward shift across the end of the table, and the key 0 (the empty-slot mark) all included.
    @Test func itAgreesWithADictionary() {
        var map = TokenCountMap()
        var reference: [UInt64: TokenCounts] = [:]
        var random = SystemRandomNumberGenerator()
        var mismatches = 0
        for step in 0..<60_000 {
            // Few distinct keys, many sharing low bits, so probes collide and wrap.
            let key = UInt64.random(in: 0..<3000, using: &random) << (step % 3 == 0 ? 40 : 0)
            if Bool.random(using: &random) || step < 2000 {
                let counts = TokenCounts(spam: UInt32(step % 7), ham: UInt32(step % 11))
                map[key] = counts
                reference[key] = counts
            } else {
                map[key] = nil
                reference[key] = nil
            }
            if step % 997 == 0 {
                for probe in reference.keys where map[probe] != reference[probe] { mismatches += 1 }
                if map.count != reference.count { mismatches += 1 }
            }
        }
        for (key, counts) in reference where map[key] != counts { mismatches += 1 }
        for key in UInt64(0)..<3000 where reference[key] == nil && map[key] != nil { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(map.count == reference.count)
    }

    /// The batch lookup scoring uses gives the subscript's answers: keys in their home slot, keys pushed further
    /// by a collision, absent keys whose home slot holds another key or nothing, and the key 0.
    @Test func batchLookupAgreesWithTheSubscript() {
        var map = TokenCountMap()
        var random = SystemRandomNumberGenerator()
        for step in 0..<5000 {
            let key = UInt64.random(in: 0..<4000, using: &random) << (step % 2 == 0 ? 40 : 0)
            map[key] = TokenCounts(spam: UInt32(step % 5), ham: UInt32(step % 13))
        }
        let probes = (0..<6000).map { step in
            TokenHash(value: UInt64.random(in: 0..<4000, using: &random) << (step % 2 == 0 ? 40 : 0))
        }
        let batch = map.counts(of: probes)
        #expect(batch.count == probes.count)
        #expect(zip(probes, batch).filter { map[$0.value] != $1 }.isEmpty)
        #expect(batch.contains { $0 == nil } && batch.contains { $0 != nil })
    }
}
