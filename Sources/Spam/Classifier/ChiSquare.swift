import Foundation

/// The chi-square distribution's upper tail, as Robinson–Fisher combining needs it.
enum ChiSquare {
    /// Q(χ² | ν) for an even number of degrees of freedom ν: the probability that a chi-square variable with ν
    /// degrees of freedom exceeds `value`. The series e^{-m} Σ_{i<ν/2} m^i / i!, m = value/2, is exact for even ν
    /// and has ν/2 terms (bounded by the number of tokens that vote). It is summed with e^{-m} kept aside and the
    /// partial sum rescaled when it grows large, because for a long message both e^{-m} (underflow) and the sum
    /// (overflow) leave the range of a Double where their product does not.
    static func upperTail(_ value: Double, degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom % 2 == 0 && degreesOfFreedom > 0)
        let half = max(value, 0) / 2
        var term = 1.0
        var sum = 1.0
        var logScale = 0.0
        let limit = 1e280
        for index in 1..<(degreesOfFreedom / 2) {
            term *= half / Double(index)
            sum += term
            if sum > limit {
                sum /= limit
                term /= limit
                logScale += log(limit)
            }
        }
        return min(exp(log(sum) + logScale - half), 1)
    }
}
