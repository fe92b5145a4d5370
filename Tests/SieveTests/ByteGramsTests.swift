import TestSupport
import Testing

@testable import Sieve

/// The filter of pairs and triples (`ByteGrams`) only skips searches whose answer is no: `Matcher.test` gives the same answer
/// and charges the same steps with it and without it, on generated values and key lists.
@Suite struct ByteGramsTests {
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
                    grams: folded.map { Optional(ByteGrams($0)) }, budget: &filteredBudget, captures: &captures)
                if plain != filtered || plainBudget.remaining != filteredBudget.remaining {
                    differences.append("\(keys) in \(values) (\(comparator)): \(plain) \(filtered)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5).joined(separator: "\n"))")
    }

    @Test func aMissingPairRulesAKeyOut() {
        let grams = ByteGrams(ASCIIFold.folded("Votre mot de passe"))
        #expect(grams.mayContain(Array("passe".utf8)))
        #expect(grams.mayContain(Array("votre".utf8)))
        #expect(!grams.mayContain(Array("password".utf8)))  // "sw" is not in the text
        #expect(grams.mayContain(Array("x".utf8)))  // a single byte is not ruled out
        #expect(grams.mayContain([]))
    }

    /// Every pair of "silie" occurs in "silo lie" ("si", "il", "li", "ie"), but its triple "ili" does not.
    @Test func aMissingTripleRulesAKeyOut() {
        let grams = ByteGrams(ASCIIFold.folded("SILO LIE"))
        #expect(!grams.mayContain(Array("silie".utf8)))
        #expect(grams.mayContain(Array("silo".utf8)))
        #expect(grams.mayContain(Array("lo lie".utf8)))
        #expect(grams.mayContain(Array("il".utf8)))  // two bytes: its pair alone decides
    }

    /// Short values get no filter, so its 16 KB stay at most 16 times the text.
    @Test func shortValuesAreSearchedWithoutAFilter() {
        #expect(ByteGrams.of([UInt8](repeating: 0x61, count: ByteGrams.minimumBytes - 1)) == nil)
        #expect(ByteGrams.of([UInt8](repeating: 0x61, count: ByteGrams.minimumBytes)) != nil)
    }
}
