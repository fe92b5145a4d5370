/// Matches the arguments, tests and block of one command or test against its signature.
struct BoundArguments {
    var signature: Signature
    /// Tag name → its parameter (nil for a tag without one).
    var tags: [String: ArgumentSyntax?] = [:]
    var positional: [ArgumentSyntax] = []
    var location: SourceLocation

    func has(_ tag: String) -> Bool { tags[tag] != nil }

    /// The tag given from `group`, if any.
    func tag(in group: String) -> String? {
        signature.tags.first { $0.group == group && tags[$0.name] != nil }?.name
    }
}

extension Validator {
    mutating func bind(
        name: String, kind: Signature.Kind, location: SourceLocation, arguments: [ArgumentSyntax], testCount: Int,
        hasBlock: Bool
    ) -> BoundArguments? {
        guard let signature = Signatures.all[name], signature.kind == kind else {
            unknown(name, kind: kind, at: location)
            return nil
        }
        if let capability = signature.capability, !capabilities.contains(capability) {
            error("\(signature.noun) '\(name)' needs require \"\(capability)\"", at: location)
            return nil
        }
        var bound = BoundArguments(signature: signature, location: location)
        var ok = true
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard let tagName = argument.tag else {
                bound.positional.append(argument)
                continue
            }
            if !bound.positional.isEmpty {
                // RFC 5228 2.6.2: tagged arguments come before positional ones.
                error("tagged argument ':\(tagName)' must come before the other arguments of \(name)", at: argument.location)
                ok = false
                continue
            }
            guard let tag = signature.tags.first(where: { $0.name == tagName }),
                tag.capability.map(capabilities.contains) ?? true
            else {
                let hint = signature.tags.first { $0.name == tagName }?.capability.map { " (it needs require \"\($0)\")" } ?? ""
                error("unknown tagged argument ':\(tagName)' for the \(name) \(signature.noun)\(hint)", at: argument.location)
                ok = false
                continue
            }
            if bound.tags[tagName] != nil {
                error("tagged argument ':\(tagName)' is given twice", at: argument.location)
                ok = false
            } else if let group = tag.group, let other = bound.tag(in: group) {
                error("':\(tagName)' cannot be combined with ':\(other)' in the \(name) \(signature.noun)", at: argument.location)
                ok = false
            }
            if let parameter = tag.parameter {
                guard index < arguments.count, arguments[index].tag == nil, fits(arguments[index], parameter) else {
                    error("':\(tagName)' must be followed by \(parameter)", at: argument.location)
                    ok = false
                    continue
                }
                bound.tags[tagName] = .some(arguments[index])
                index += 1
            } else {
                bound.tags[tagName] = .some(nil)
            }
        }
        if let group = signature.requiredGroup, bound.tag(in: group) == nil {
            let names = signature.tags.filter { $0.group == group }.map { ":" + $0.name }.joined(separator: " or ")
            error("the \(name) \(signature.noun) needs \(names)", at: location)
            ok = false
        }
        let kinds = bound.positional.map(\.value)
        if !signature.positional.contains(where: { matches(kinds, $0) }) {
            func counted(_ kinds: [String]) -> String {
                kinds.isEmpty ? "no argument" : "\(kinds.count) argument\(kinds.count == 1 ? "" : "s") (\(kinds.joined(separator: ", ")))"
            }
            let expected = signature.positional.map { counted($0.map(\.description)) }.joined(separator: " or ")
            let given = counted(bound.positional.map(describe))
            error("the \(name) \(signature.noun) takes \(expected) but was given \(given)", at: location)
            ok = false
        }
        switch signature.tests {
        case .none where testCount > 0:
            error("the \(name) \(signature.noun) takes no test", at: location)
            ok = false
        case .one where testCount != 1:
            error("the \(name) \(signature.noun) needs exactly one test", at: location)
            ok = false
        case .list where testCount == 0:
            error("the \(name) test needs a list of tests", at: location)
            ok = false
        default:
            break
        }
        if signature.block != hasBlock {
            error(signature.block ? "the \(name) command needs a block { … }" : "the \(name) command takes no block; end it with ';'", at: location)
            ok = false
        }
        return ok ? bound : nil
    }

    private func fits(_ argument: ArgumentSyntax, _ kind: Signature.ParameterKind) -> Bool {
        switch (argument.value, kind) {
        case (.number, .number): true
        case (.strings(let list, let isList), .string): !isList && list.count == 1
        case (.strings, .stringList): true
        default: false
        }
    }

    private func matches(_ values: [ArgumentSyntax.Value], _ kinds: [Signature.ParameterKind]) -> Bool {
        guard values.count == kinds.count else { return false }
        return zip(values, kinds).allSatisfy { value, kind in
            fits(ArgumentSyntax(value: value, location: .start), kind)
        }
    }

    private func describe(_ argument: ArgumentSyntax) -> String {
        switch argument.value {
        case .number: "a number"
        case .strings(_, let isList): isList ? "a string list" : "a string"
        case .tag(let name): ":" + name
        }
    }

    private mutating func unknown(_ name: String, kind: Signature.Kind, at location: SourceLocation) {
        let noun = kind == .command ? "command" : "test"
        if let signature = Signatures.all[name], signature.kind != kind {
            error("'\(name)' is a \(signature.noun), not a \(noun)", at: location)
        } else {
            error("unknown \(noun) '\(name)'", at: location)
        }
    }
}
