/// Reads a script's text into a syntax tree, with every lexical and syntax error found in one pass.
public enum SyntaxReader {
    public struct Result: Sendable {
        public var script: ScriptSyntax
        public var diagnostics: [SieveDiagnostic]
    }

    public static func read(_ source: [UInt8], maxNesting: Int = 32) -> Result {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        var parser = Parser(tokens: tokens, maxNesting: maxNesting)
        let script = parser.parseScript()
        let diagnostics = (lexer.diagnostics + parser.diagnostics).sorted { $0.location < $1.location }
        return Result(script: script, diagnostics: diagnostics)
    }

    public static func read(_ source: String, maxNesting: Int = 32) -> Result {
        read(Array(source.utf8), maxNesting: maxNesting)
    }
}
