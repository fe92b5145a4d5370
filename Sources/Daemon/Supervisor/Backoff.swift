/// How long an account waits before it tries again: exponential with full jitter, so a server that comes back
/// is not met by every account at the same second. A refused login starts at minutes: trying a wrong password
/// every second would lock the account or look like an attack.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    public var afterRefusedLogin: Duration
    public var maximumAfterRefusedLogin: Duration

    public init(
        initial: Duration = .seconds(1), maximum: Duration = .seconds(300),
        afterRefusedLogin: Duration = .seconds(300), maximumAfterRefusedLogin: Duration = .seconds(3600)
    ) {
        self.initial = initial
        self.maximum = maximum
        self.afterRefusedLogin = afterRefusedLogin
        self.maximumAfterRefusedLogin = maximumAfterRefusedLogin
    }

    /// The wait before attempt `failures + 1`, with `unit` in [0, 1) choosing where in the jittered range.
    public func delay(failures: Int, refusedLogin: Bool, unit: Double = Double.random(in: 0..<1)) -> Duration {
        let start = refusedLogin ? afterRefusedLogin : initial
        let cap = refusedLogin ? maximumAfterRefusedLogin : maximum
        let exponent = min(max(failures - 1, 0), 30)
        let ceiling = min(start * (1 << exponent), cap)
        // Half fixed, half random: never less than half the ceiling, so a refused login still waits minutes.
        return ceiling / 2 + ceiling / 2 * max(0, min(unit, 1))
    }
}
