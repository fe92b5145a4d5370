/// Compiles Sieve source: syntax, then validation. The result carries every diagnostic; `script` is nil when
/// any of them is an error, because a broken script must never run (the last good version keeps running).
public enum SieveCompiler {
    public struct Result: Sendable {
        public var script: CompiledScript?
        public var diagnostics: [SieveDiagnostic]

        public init(script: CompiledScript?, diagnostics: [SieveDiagnostic]) {
            self.script = script
            self.diagnostics = diagnostics
        }

        public var errors: [SieveDiagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    /// - Parameters:
    ///   - name: the script's own name and location, so that including itself is seen as a cycle.
    ///   - includes: how `include` finds scripts; without it every include fails (or is skipped if optional).
    ///   - explainable: keep each test's place and text, for `Interpreter.explain` (`mailsift test --explain`).
    public static func compile(
        _ source: [UInt8], limits: SieveLimits = .default, name: (IncludeLocation, String)? = nil,
        includes: IncludeResolver? = nil, explainable: Bool = false
    ) -> Result {
        guard source.count <= limits.maxScriptSize else {
            return Result(
                script: nil,
                diagnostics: [.error("script is \(source.count) bytes, more than the limit of \(limits.maxScriptSize)", at: .start)])
        }
        let syntax = SyntaxReader.read(source, maxNesting: limits.maxNesting)
        let root = name.map { $0.0.rawValue + ":" + $0.1 } ?? "personal:"
        let context = includes.map {
            IncludeContext(resolver: $0, root: root, maxDepth: limits.maxIncludeDepth, maxScripts: limits.maxIncludedScripts)
        }
        var validator = Validator(limits: limits, includes: context, locatesTests: explainable)
        let compiled = validator.validate(syntax.script)
        let diagnostics = (syntax.diagnostics + validator.diagnostics).sorted { $0.location < $1.location }
        let failed = diagnostics.contains { $0.severity == .error }
        return Result(script: failed ? nil : compiled, diagnostics: diagnostics)
    }

    public static func compile(_ source: String, limits: SieveLimits = .default) -> Result {
        compile(Array(source.utf8), limits: limits, name: nil, includes: nil)
    }
}
