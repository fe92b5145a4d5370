/// Builds the syntax tree from tokens (RFC 5228 section 8.2). After an error it skips to the end of the
/// command and goes on, so one pass reports every syntax error. Nesting is bounded here already, so a
/// hostile script cannot exhaust the stack before the validator sees it.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    private let maxNesting: Int
    private(set) var diagnostics: [SieveDiagnostic] = []

    init(tokens: [Token], maxNesting: Int) {
        self.tokens = tokens
        self.maxNesting = maxNesting
    }

    private struct Failure: Error {}

    mutating func parseScript() -> ScriptSyntax {
        var commands: [CommandSyntax] = []
        while current.kind != .end {
            if current.kind == .rightBrace {
                error("'}' without a matching '{'", at: current.location)
                position += 1
                continue
            }
            if let command = commandRecovering(depth: 0) { commands.append(command) }
        }
        return ScriptSyntax(commands: commands)
    }

    private var current: Token { tokens[position] }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    private mutating func expected(_ what: String) -> Failure {
        error("expected \(what) but found \(current.describedForError)", at: current.location)
        return Failure()
    }

    /// Parses one command; on an error, skips to after the next `;` or block at this level.
    private mutating func commandRecovering(depth: Int) -> CommandSyntax? {
        do {
            return try command(depth: depth)
        } catch {
            recover()
            return nil
        }
    }

    private mutating func recover() {
        var braces = 0
        while current.kind != .end {
            switch current.kind {
            case .semicolon where braces == 0:
                position += 1
                return
            case .leftBrace:
                braces += 1
            case .rightBrace:
                if braces == 0 { return }
                braces -= 1
                if braces == 0 {
                    position += 1
                    return
                }
            default: break
            }
            position += 1
        }
    }

    private mutating func command(depth: Int) throws(Failure) -> CommandSyntax {
        guard case .identifier(let name) = current.kind else { throw expected("a command") }
        let location = current.location
        position += 1
        let (arguments, tests, _) = try argumentsAndTests(testDepth: 0)
        switch current.kind {
        case .semicolon:
            position += 1
            return CommandSyntax(
                name: name.lowercased(), location: location, arguments: arguments, tests: tests, block: nil)
        case .leftBrace:
            guard depth < maxNesting else {
                error("blocks are nested more than \(maxNesting) deep", at: current.location)
                throw Failure()
            }
            position += 1
            var block: [CommandSyntax] = []
            while current.kind != .rightBrace {
                guard current.kind != .end else {
                    error("block started at \(location) is never closed with '}'", at: current.location)
                    throw Failure()
                }
                if let inner = commandRecovering(depth: depth + 1) { block.append(inner) }
            }
            position += 1
            return CommandSyntax(
                name: name.lowercased(), location: location, arguments: arguments, tests: tests, block: block)
        default:
            throw expected("';' or '{' after command '\(name)'")
        }
    }

    /// Arguments, then a test or a test list; `testDepth` counts the tests around (blocks are counted apart).
    /// Also whether the tests were a parenthesized list.
    private mutating func argumentsAndTests(testDepth: Int) throws(Failure) -> (
        [ArgumentSyntax], [TestSyntax], Bool
    ) {
        var arguments: [ArgumentSyntax] = []
        while let argument = try argument() { arguments.append(argument) }
        switch current.kind {
        case .identifier:
            return (arguments, [try test(depth: testDepth + 1)], false)
        case .leftParen:
            return (arguments, try testList(depth: testDepth + 1), true)
        default:
            return (arguments, [], false)
        }
    }

    private mutating func argument() throws(Failure) -> ArgumentSyntax? {
        let location = current.location
        switch current.kind {
        case .number(let value):
            position += 1
            return ArgumentSyntax(value: .number(value), location: location)
        case .tag(let name):
            position += 1
            return ArgumentSyntax(value: .tag(name), location: location)
        case .string(let value, _):
            position += 1
            return ArgumentSyntax(value: .strings([value], isList: false), location: location)
        case .leftBracket:
            position += 1
            var list: [String] = []
            while true {
                guard case .string(let value, _) = current.kind else { throw expected("a string in the list") }
                list.append(value)
                position += 1
                if current.kind == .comma {
                    position += 1
                    continue
                }
                guard current.kind == .rightBracket else { throw expected("',' or ']' in the string list") }
                position += 1
                return ArgumentSyntax(value: .strings(list, isList: true), location: location)
            }
        default:
            return nil
        }
    }

    private mutating func test(depth: Int) throws(Failure) -> TestSyntax {
        guard case .identifier(let name) = current.kind else { throw expected("a test") }
        guard depth <= maxNesting else {
            error("tests are nested more than \(maxNesting) deep", at: current.location)
            throw Failure()
        }
        let location = current.location
        position += 1
        let (arguments, tests, isList) = try argumentsAndTests(testDepth: depth)
        var syntax = TestSyntax(name: name.lowercased(), location: location, arguments: arguments, tests: tests)
        syntax.testsAreList = isList
        return syntax
    }

    private mutating func testList(depth: Int) throws(Failure) -> [TestSyntax] {
        let open = current.location
        position += 1
        var tests: [TestSyntax] = []
        while true {
            tests.append(try test(depth: depth))
            if current.kind == .comma {
                position += 1
                continue
            }
            guard current.kind == .rightParen else {
                if current.kind == .end { error("'(' here is never closed with ')'", at: open) }
                throw expected("',' or ')' in the test list")
            }
            position += 1
            return tests
        }
    }
}
