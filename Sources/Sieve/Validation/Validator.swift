/// Checks a syntax tree against the signatures and the RFC rules, and turns it into a `CompiledScript`.
/// Every error found is reported, with its location; a script with any error is not run.
struct Validator {
    let limits: SieveLimits
    var capabilities: Set<String> = []
    var diagnostics: [SieveDiagnostic] = []
    var needs = ScriptNeeds()
    /// Whether a string read so far refers to a match variable (`CompiledScript.readsMatchVariables`).
    var readsMatchVariables = false
    /// Variables this script declared `global` so far (RFC 6609 3.3: declared before use).
    var globals: Set<String> = []
    let includes: IncludeContext?
    /// Whether tests keep their place and text for `Interpreter.explain` (an extra node per test otherwise
    /// skipped, since the daemon never explains).
    let locatesTests: Bool
    let slots: ValueSlots
    /// The literal `:regex` patterns of the script and its includes, compiled once here.
    let regexes: RegexCatalog

    init(
        limits: SieveLimits, includes: IncludeContext? = nil, locatesTests: Bool = false,
        slots: ValueSlots = ValueSlots(), regexes: RegexCatalog = RegexCatalog()
    ) {
        self.limits = limits
        self.includes = includes
        self.locatesTests = locatesTests
        self.slots = slots
        self.regexes = regexes
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(message, at: location))
    }

    mutating func validate(_ script: ScriptSyntax) -> CompiledScript {
        var index = 0
        while index < script.commands.count, script.commands[index].name == "require" {
            require(script.commands[index])
            index += 1
        }
        var commands = block(Array(script.commands[index...]))
        if readsMatchVariables { commands = MatchVariableLiveness.prune(commands) }
        return CompiledScript(
            commands: commands, slotCount: slots.count, capabilities: capabilities, needs: needs,
            readsMatchVariables: readsMatchVariables, usesFlags: capabilities.contains("imap4flags"))
    }

    private mutating func require(_ command: CommandSyntax) {
        guard
            let bound = bind(
                name: "require", kind: .command, location: command.location, arguments: command.arguments,
                testCount: command.tests.count, hasBlock: command.block != nil)
        else { return }
        for name in bound.positional[0].strings ?? [] {
            let capability = name.lowercased()
            if Capabilities.supported.contains(capability) {
                capabilities.insert(capability)
                // RFC 5235 3.2: spamtestplus implies spamtest.
                if capability == "spamtestplus" { capabilities.insert("spamtest") }
                // RFC 6131 3: vacation-seconds implies vacation.
                if capability == "vacation-seconds" { capabilities.insert("vacation") }
            } else {
                error("unsupported extension \"\(name)\"", at: command.location)
            }
        }
    }

    /// A list of commands, with `elsif`/`else` folded into the `if` before them.
    mutating func block(_ commands: [CommandSyntax]) -> [CommandNode] {
        var nodes: [CommandNode] = []
        var index = 0
        while index < commands.count {
            let command = commands[index]
            index += 1
            switch command.name {
            case "require":
                error(
                    "require must come first in the script, before any other command and outside blocks",
                    at: command.location)
            case "elsif", "else":
                error("'\(command.name)' without an 'if' before it", at: command.location)
            case "if":
                var branches: [(TestNode, [CommandNode])] = []
                var otherwise: [CommandNode]?
                var current = command
                while true {
                    if let (test, body) = conditional(current) { branches.append((test, body)) }
                    guard index < commands.count, ["elsif", "else"].contains(commands[index].name) else { break }
                    current = commands[index]
                    index += 1
                    if current.name == "else" {
                        if bind(
                            name: "else", kind: .command, location: current.location, arguments: current.arguments,
                            testCount: current.tests.count, hasBlock: current.block != nil) != nil
                        {
                            otherwise = block(current.block ?? [])
                        }
                        break
                    }
                }
                nodes.append(.ifChain(branches: branches, otherwise: otherwise))
            default:
                if let node = action(command) { nodes.append(node) }
            }
        }
        return nodes
    }

    private mutating func conditional(_ command: CommandSyntax) -> (TestNode, [CommandNode])? {
        let bound = bind(
            name: command.name, kind: .command, location: command.location, arguments: command.arguments,
            testCount: command.tests.count, hasBlock: command.block != nil)
        let body = block(command.block ?? [])
        guard bound != nil, let test = command.tests.first.flatMap({ self.test($0) }) else { return nil }
        return (test, body)
    }
}
