import TestSupport
import Testing

@testable import Sieve

/// The pair filter (`BytePairs`) only skips searches whose answer is no: `Matcher.test` gives the same answer
/// and charges the same steps with it and without it, on generated values and key lists.
@Suite struct BytePairsTests {
    @Test func matcherAnswersAndChargesAlikeWithThePairFilter() throws {
        var generator = XorShiftGenerator(state: 0x0123_4567_89AB_CDEF)
        let alphabet = ["a", "B", "b", "A", "q", "Q", "z", "1", " ", "é", "É", "*", "-", "\n"]
        var differences: [String] = []
        for _ in 0..<5_000 {
            let values = (0..<(1 + generator.below(3))).map { _ in generator.text(generator.below(60), from: alphabet) }
            let keys = (0..<(1 + generator.below(5))).map { _ in generator.text(generator.below(5), from: alphabet) }
            for comparator in [Comparator.asciiCasemap, .octet] {
                let fold = comparator == .asciiCasemap
                let searches = keys.map { SubstringSearch($0, fold: fold) }
                let folded = values.map(ASCIIFold.folded)
                let matcher = Matcher(spec: MatchSpec(comparator: comparator, matchType: .contains))
                var plainBudget = StepBudget(1_000_000)
                var filteredBudget = StepBudget(1_000_000)
                var captures: [String]? = nil
                let plain = try matcher.test(
                    values: values, keys: keys, searches: searches, folded: fold ? folded : nil, budget: &plainBudget,
                    captures: &captures)
                let filtered = try matcher.test(
                    values: values, keys: keys, searches: searches, folded: fold ? folded : nil,
                    pairs: folded.map { Optional(BytePairs($0)) }, budget: &filteredBudget, captures: &captures)
                if plain != filtered || plainBudget.remaining != filteredBudget.remaining {
                    differences.append("\(keys) in \(values) (\(comparator)): \(plain) \(filtered)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5).joined(separator: "\n"))")
    }

    @Test func aMissingPairRulesAKeyOut() {
        let pairs = BytePairs(ASCIIFold.folded("Votre mot de passe"))
        #expect(pairs.mayContain(Array("passe".utf8)))
        #expect(pairs.mayContain(Array("votre".utf8)))
        #expect(!pairs.mayContain(Array("password".utf8)))  // "sw" is not in the text
        #expect(pairs.mayContain(Array("x".utf8)))  // a single byte is not ruled out
        #expect(pairs.mayContain([]))
    }

    /// Short values get no filter, so its 8 KB stay at most 8 times the text.
    @Test func shortValuesAreSearchedWithoutAFilter() {
        #expect(BytePairs.of([UInt8](repeating: 0x61, count: BytePairs.minimumBytes - 1)) == nil)
        #expect(BytePairs.of([UInt8](repeating: 0x61, count: BytePairs.minimumBytes)) != nil)
    }
}
