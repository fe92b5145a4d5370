import Testing

@testable import Spam

/// A "torn" message has many strong tokens both ways: chi-square's two tails both saturate and say 0.5 whatever
/// the balance. The geometric mean places it inside the torn band, on the side it leans to.
@Suite struct TornMessageTests {
    /// 60 spam and 60 ham trained, each with one token of its own (seen once, so as strong as a token gets).
    static let table: TokenTable = {
        var table = TokenTable()
        for index in 0..<60 {
            table.add([spamToken(index)], as: .spam)
            table.add([hamToken(index)], as: .ham)
        }
        return table
    }()

    static func spamToken(_ index: Int) -> TokenHash { TokenHash(prefix: "spam:", text: "\(index)") }
    static func hamToken(_ index: Int) -> TokenHash { TokenHash(prefix: "ham:", text: "\(index)") }

    static func probability(spam: Int, ham: Int, torn: Double = LearnerSettings.default.tornBandHalfWidth) throws
        -> Double
    {
        let tokens = (0..<spam).map(spamToken) + (0..<ham).map(hamToken)
        let verdict = BayesClassifier(settings: LearnerSettings(tornBandHalfWidth: torn)).classify(
            MessageTokens(hashes: tokens), table: table)
        return try #require(verdict.probability)
    }

    @Test func chiSquareAloneCannotTellWhichWayATornMessageLeans() throws {
        let leansSpam = try Self.probability(spam: 40, ham: 20, torn: 0)
        let leansHam = try Self.probability(spam: 20, ham: 40, torn: 0)
        #expect(abs(leansSpam - 0.5) < 0.001)
        #expect(abs(leansHam - 0.5) < 0.001)
    }

    @Test func theGeometricMeanPlacesItOnItsSideInsideTheBand() throws {
        let leansSpam = try Self.probability(spam: 40, ham: 20)
        let leansHam = try Self.probability(spam: 20, ham: 40)
        #expect(leansSpam > 0.5 && leansSpam < 0.52)
        #expect(leansHam < 0.5 && leansHam > 0.48)
        // More spam tokens lean further.
        #expect(try Self.probability(spam: 50, ham: 20) > leansSpam)
    }

    @Test func aClearVerdictIsLeftToChiSquare() throws {
        #expect(try Self.probability(spam: 30, ham: 0) > 0.99)
        #expect(try Self.probability(spam: 0, ham: 30) < 0.01)
    }
}
