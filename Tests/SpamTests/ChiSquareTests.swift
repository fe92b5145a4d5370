import Foundation
import Testing

@testable import Spam

@Suite struct ChiSquareTests {
    @Test func twoDegreesOfFreedomIsAnExponential() {
        for value in [0.0, 0.5, 3, 10, 40] {
            #expect(abs(ChiSquare.upperTail(value, degreesOfFreedom: 2) - exp(-value / 2)) < 1e-12)
        }
    }

    @Test func knownValues() {
        // Tables: Q(9.488 | 4) = 0.05, Q(18.307 | 10) = 0.05, Q(0 | ν) = 1.
        #expect(abs(ChiSquare.upperTail(9.488, degreesOfFreedom: 4) - 0.05) < 1e-4)
        #expect(abs(ChiSquare.upperTail(18.307, degreesOfFreedom: 10) - 0.05) < 1e-4)
        #expect(ChiSquare.upperTail(0, degreesOfFreedom: 300) == 1)
    }

    @Test func manyDegreesOfFreedomNeitherUnderflowNorOverflow() {
        // A long message: 3,000 voting tokens. The mean of χ²(6000) is 6000; the tail there is about one half.
        let middle = ChiSquare.upperTail(6000, degreesOfFreedom: 6000)
        #expect(middle > 0.45 && middle < 0.55)
        #expect(ChiSquare.upperTail(20_000, degreesOfFreedom: 6000) < 1e-100)
        #expect(ChiSquare.upperTail(100, degreesOfFreedom: 6000) == 1)
    }
}
