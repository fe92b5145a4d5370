/// RFC 6609 include: the included script is found through the resolver and compiled now, with its own
/// requires, so an error in it is reported when the including script is checked.
extension Validator {
    mutating func include(_ bound: BoundArguments) -> CommandNode? {
        let nameArgument = bound.positional[0]
        guard let name = nameArgument.singleString, string(nameArgument).literal == name else {
            error("the name of an included script must be a constant string", at: nameArgument.location)
            return nil
        }
        guard IncludeResolver.isValidName(name) else {
            error("\"\(name)\" is not a valid script name (no '/', no control characters)", at: nameArgument.location)
            return nil
        }
        let location: IncludeLocation = bound.has("global") ? .global : .personal
        let key = location.rawValue + ":" + name
        guard let context = includes else {
            if bound.has("optional") {
                return .include(
                    IncludedScript(
                        location: location, name: name, once: bound.has("once"), commands: nil, usesFlags: false))
            }
            error("included \(location.rawValue) script '\(name)' does not exist", at: nameArgument.location)
            return nil
        }
        if context.stack.contains(key) {
            error("circular include: \(context.stack.joined(separator: " → ")) → \(key)", at: nameArgument.location)
            return nil
        }
        if let done = context.compiled[key] {
            return .include(
                IncludedScript(
                    location: location, name: name, once: bound.has("once"), commands: done.commands,
                    usesFlags: done.usesFlags))
        }
        guard context.stack.count <= limits.maxIncludeDepth else {
            error("includes are nested more than \(limits.maxIncludeDepth) deep", at: nameArgument.location)
            return nil
        }
        guard context.compiled.count < limits.maxIncludedScripts else {
            error("more than \(limits.maxIncludedScripts) scripts are included", at: nameArgument.location)
            return nil
        }
        let source: [UInt8]
        switch context.resolver.lookup(location, name) {
        case .found(let bytes):
            source = bytes
        case .missing:
            if bound.has("optional") {
                return .include(
                    IncludedScript(
                        location: location, name: name, once: bound.has("once"), commands: nil, usesFlags: false))
            }
            error("included \(location.rawValue) script '\(name)' does not exist", at: nameArgument.location)
            return nil
        case .refused(let reason):
            // Even with :optional: the script is there, and silently running without it would hide that.
            error("included \(location.rawValue) script '\(name)' \(reason)", at: nameArgument.location)
            return nil
        }
        context.stack.append(key)
        defer { context.stack.removeLast() }
        let syntax = SyntaxReader.read(source, maxNesting: limits.maxNesting)
        var inner = Validator(
            limits: limits, includes: context, locatesTests: locatesTests, slots: slots, regexes: regexes)
        let compiled = inner.validate(syntax.script)
        let problems = (syntax.diagnostics + inner.diagnostics).filter { $0.severity == .error }
        if !problems.isEmpty {
            for problem in problems {
                error(
                    "in included script '\(name)' at \(problem.location): \(problem.message)", at: nameArgument.location
                )
            }
            return nil
        }
        needs.merge(compiled.needs)
        readsMatchVariables = readsMatchVariables || compiled.readsMatchVariables
        let script = IncludedScript(
            location: location, name: name, once: bound.has("once"), commands: compiled.commands,
            usesFlags: compiled.usesFlags)
        context.compiled[key] = script
        return .include(script)
    }
}

extension ScriptNeeds {
    mutating func merge(_ other: ScriptNeeds) {
        headerFields.formUnion(other.headerFields)
        allHeaders = allHeaders || other.allHeaders
        body = body || other.body
        envelope = envelope || other.envelope
        size = size || other.size
    }
}
