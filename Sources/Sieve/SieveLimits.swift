/// Bounds on what a script may be and do. The defaults are Pigeonhole's, so scripts that run there run here.
public struct SieveLimits: Sendable, Hashable {
    /// Bytes of script source.
    public var maxScriptSize: Int = 1 << 20
    /// Depth of nested blocks, and separately of nested tests.
    public var maxNesting: Int = 32
    /// Actions one run may collect (a runtime error past it).
    public var maxActions: Int = 32
    /// Redirects one run may collect (a runtime error past it).
    public var maxRedirects: Int = 4
    /// Work units (tests, comparisons, wildcard and regex steps) one message may cost before the run stops with
    /// a runtime error and the message falls back to the implicit keep.
    public var maxSteps: Int = 2_000_000
    /// Shortest and default period between two vacation replies to one sender (Pigeonhole: 1 day, 7 days).
    /// How deep includes may nest, and how many scripts one script may include in all (Pigeonhole's 10 and 255).
    public var maxIncludeDepth = 10
    public var maxIncludedScripts = 255
    /// The default and longest period of `duplicate` (Pigeonhole's 12 hours and 2 days).
    public var duplicateDefaultSeconds: UInt64 = 12 * 3600
    public var duplicateMaximumSeconds: UInt64 = 2 * 86_400
    public var vacationMinimumSeconds: UInt64 = 86_400
    public var vacationDefaultSeconds: UInt64 = 7 * 86_400
    /// `.sieve` files one rule folder may hold: past it the folder is refused whole (`RuleSet.load`), so a
    /// folder of a million files costs no more than this many names.
    public var maxRuleFiles = 256

    public init() {}

    public static let `default` = SieveLimits()
}
