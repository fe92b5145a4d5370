import MailMessage

/// The action and variable commands.
extension Validator {
    mutating func action(_ command: CommandSyntax) -> CommandNode? {
        guard
            let bound = bind(
                name: command.name, kind: .command, location: command.location, arguments: command.arguments,
                testCount: command.tests.count, hasBlock: command.block != nil)
        else {
            // Still look inside, so errors in a broken command's tests and block are reported too.
            _ = command.tests.map { test($0) }
            _ = block(command.block ?? [])
            return nil
        }
        let flags = bound.tags["flags"].flatMap { $0 }.map { strings($0) }
        switch command.name {
        case "stop": return .stop
        case "keep": return .keep(flags: flags)
        case "discard": return .discard
        case "fileinto":
            return .fileinto(
                mailbox: string(bound.positional[0]), flags: flags, copy: bound.has("copy"), create: bound.has("create")
            )
        case "redirect":
            // A literal address that cannot be one is a mistake in the script, found at once (as Pigeonhole
            // does), not at the first message; one built from variables is checked when it runs.
            if let literal = bound.positional[0].singleString,
                !capabilities.contains("variables") || !literal.contains("${"),
                !Interpreter.isPlausibleAddress(literal)
            {
                error("\"\(literal)\" is not a valid address for redirect", at: bound.positional[0].location)
                return nil
            }
            return .redirect(address: string(bound.positional[0]), copy: bound.has("copy"))
        case "reject", "ereject":
            return .reject(reason: string(bound.positional[0]), extended: command.name == "ereject")
        case "setflag", "addflag", "removeflag":
            let operation: FlagOperation = command.name == "setflag" ? .set : command.name == "addflag" ? .add : .remove
            let variable = bound.positional.count == 2 ? string(bound.positional[0]) : nil
            if let variable { checkVariableName(variable, at: bound.positional[0].location) }
            return .setFlags(operation, variable: variable, flags: strings(bound.positional.last!))
        case "set":
            let nameValue = string(bound.positional[0])
            guard let name = nameValue.literal,
                Self.isVariableName(name)
                    || (name.lowercased().hasPrefix("global.") && capabilities.contains("include")
                        && Self.isVariableName(String(name.dropFirst(7))))
            else {
                error("'\(nameValue)' is not a valid variable name", at: bound.positional[0].location)
                return nil
            }
            let modifiers = SetModifier.allCases.filter { bound.has($0.rawValue) }
            var variable = name.lowercased()
            var isGlobal = globals.contains(variable)
            if variable.hasPrefix("global.") {
                variable = String(variable.dropFirst(7))
                isGlobal = true
            }
            return .set(name: variable, global: isGlobal, value: string(bound.positional[1]), modifiers: modifiers)
        case "global":
            guard capabilities.contains("variables") else {
                error("global needs require \"variables\" too", at: command.location)
                return nil
            }
            for name in bound.positional[0].strings ?? [] {
                guard Self.isVariableName(name) else {
                    error("'\(name)' is not a valid variable name", at: bound.positional[0].location)
                    return nil
                }
                globals.insert(name.lowercased())
            }
            return nil
        case "return":
            return .return
        case "include":
            return include(bound)
        case "addheader", "deleteheader":
            let name = string(bound.positional[0])
            if let literal = name.literal {
                guard Self.isFieldName(literal) else {
                    error("\"\(literal)\" is not a valid header field name", at: bound.positional[0].location)
                    return nil
                }
                if command.name == "deleteheader", Self.protectedFields.contains(literal.lowercased()) {
                    warning(
                        "deleting the \(literal) field is not allowed: it stays as it is",
                        at: bound.positional[0].location)
                }
            }
            if command.name == "addheader" {
                return .addHeader(name: name, value: string(bound.positional[1]), last: bound.has("last"))
            }
            var index: HeaderIndex?
            if let argument = bound.tags["index"].flatMap({ $0 }) {
                index = HeaderIndex(position: Int(clamping: argument.number ?? 0), fromEnd: bound.has("last"))
            } else if bound.has("last") {
                warning(":last without :index is ignored", at: bound.location)
            }
            guard let match = matchSpec(bound) else { return nil }
            var patterns: KeyList?
            if bound.positional.count == 2 {
                guard let keys = keyList(bound.positional[1], match) else { return nil }
                patterns = keys
            }
            return .deleteHeader(name: name, index: index, patterns: patterns, match: match)
        case "notify":
            let method = string(bound.positional[0])
            if let uri = method.literal {
                guard uri.lowercased().hasPrefix("mailto:") else {
                    let name = uri.split(separator: ":").first.map(String.init) ?? uri
                    error(
                        "notify: the method '\(name)' is not supported (only mailto)", at: bound.positional[0].location)
                    return nil
                }
                if case .failure(let problem) = MailtoURI.parse(uri) {
                    error("notify: \(problem.message) in \"\(uri)\"", at: bound.positional[0].location)
                    return nil
                }
            }
            var importance = "2"
            if let argument = bound.tags["importance"].flatMap({ $0 }) {
                guard let value = argument.singleString, ["1", "2", "3"].contains(value) else {
                    error(":importance must be \"1\", \"2\" or \"3\"", at: argument.location)
                    return nil
                }
                importance = value
            }
            if let from = bound.tags["from"].flatMap({ $0 }), let literal = from.singleString,
                AddressParser.parseMailboxes(Array(literal.utf8)).first?.domain == nil
            {
                error("\"\(literal)\" is not a valid address for notify :from", at: from.location)
                return nil
            }
            let options = bound.tags["options"].flatMap { $0 }
            for option in options?.strings ?? [] {
                let pieces = option.split(separator: "=", maxSplits: 1)
                guard pieces.count == 2, Self.isVariableName(String(pieces[0]).replacingDashes()) else {
                    error("notify: the option '\(option)' is not of the form name=value", at: options!.location)
                    return nil
                }
            }
            return .notify(
                method: method, from: bound.tags["from"].flatMap { $0 }.map { string($0) }, importance: importance,
                options: options.map { strings($0) } ?? [],
                message: bound.tags["message"].flatMap { $0 }.map { string($0) })
        case "vacation":
            var seconds = limits.vacationDefaultSeconds
            if let period = bound.tags["days"].flatMap({ $0 }) ?? bound.tags["seconds"].flatMap({ $0 }) {
                let given = period.number ?? 0
                let unit: UInt64 = bound.has("days") ? 86_400 : 1
                let (product, overflow) = given.multipliedReportingOverflow(by: unit)
                seconds = overflow ? UInt64.max : product
                if seconds < limits.vacationMinimumSeconds {
                    warning(
                        "a period of \(given) \(bound.has("days") ? "days" : "seconds") is under the minimum of \(limits.vacationMinimumSeconds) seconds: the minimum is used",
                        at: period.location)
                    seconds = limits.vacationMinimumSeconds
                }
            }
            let from = bound.tags["from"].flatMap { $0 }
            if let literal = from?.singleString, !capabilities.contains("variables") || !literal.contains("${"),
                AddressParser.parseMailboxes(Array(literal.utf8)).first?.domain == nil
            {
                error("\"\(literal)\" is not a valid address for vacation :from", at: from!.location)
                return nil
            }
            return .vacation(
                Vacation(
                    seconds: seconds, subject: bound.tags["subject"].flatMap { $0 }.map { string($0) },
                    from: from.map { string($0) },
                    addresses: bound.tags["addresses"].flatMap { $0 }.map { strings($0) } ?? [],
                    mime: bound.has("mime"), handle: bound.tags["handle"].flatMap { $0 }.map { string($0) },
                    reason: string(bound.positional[0])))
        case "addscore":
            let pointsText = bound.positional[0].singleString ?? ""
            guard let points = ScoreText.parse(pointsText) else {
                error(
                    "\"\(pointsText)\" is not a score: write a decimal number such as \"2.5\" or \"-1\"",
                    at: bound.positional[0].location)
                return nil
            }
            return .addScore(points: points, name: string(bound.positional[1]))
        default:
            return nil
        }
    }

    /// Fields a script may not delete: they record the message's path and protect against mail loops.
    static let protectedFields: Set<String> = ["received", "auto-submitted"]

    /// RFC 5322 field names: printable ASCII except the colon.
    static func isFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 998
            && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
    }

    /// RFC 5229 3: identifier, no namespace for `set`.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, Lexer.isIdentifierStart(first) else { return false }
        return name.utf8.allSatisfy { Lexer.isIdentifierStart($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    private mutating func checkVariableName(_ value: StringValue, at location: SourceLocation) {
        if let name = value.literal, !Self.isVariableName(name) {
            error("'\(name)' is not a valid variable name", at: location)
        }
    }
}

extension String {
    /// Option names may hold dashes (RFC 5435 3.5); checked as identifiers once the dashes are taken out.
    fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
