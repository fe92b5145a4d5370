/// The syntax tree of a Sieve script (RFC 5228 section 8.2), every node with its place in the source.
public struct ScriptSyntax: Sendable, Hashable {
    public var commands: [CommandSyntax]
}

/// `identifier arguments (";" / block)`: an action or a control command.
public struct CommandSyntax: Sendable, Hashable {
    /// Lower case: Sieve identifiers are case-insensitive.
    public var name: String
    public var location: SourceLocation
    public var arguments: [ArgumentSyntax]
    /// The test of `if`/`elsif`, or the tests after the arguments of any command that has them.
    public var tests: [TestSyntax]
    /// The `{ … }` block, nil for a command ended by `;`.
    public var block: [CommandSyntax]?
}

/// `identifier arguments`, with the nested tests of `allof`, `anyof` and `not`.
public struct TestSyntax: Sendable, Hashable {
    public var name: String
    public var location: SourceLocation
    public var arguments: [ArgumentSyntax]
    public var tests: [TestSyntax]
    /// The tests were written as a parenthesized list (`anyof (…)`), not as one test (`anyof true`): `allof`
    /// and `anyof` take only the list (RFC 5228 5.2, 5.3).
    public var testsAreList = false
}

public struct ArgumentSyntax: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        /// A single string or a `[…]` list; `isList` keeps which, since some commands take only one string.
        case strings([String], isList: Bool)
        case number(UInt64)
        /// A tag without its colon, in lower case.
        case tag(String)
    }

    public var value: Value
    public var location: SourceLocation

    public var tag: String? {
        if case .tag(let name) = value { return name }
        return nil
    }

    public var strings: [String]? {
        if case .strings(let list, _) = value { return list }
        return nil
    }

    /// The string of a single-string argument (not a list of one).
    public var singleString: String? {
        if case .strings(let list, let isList) = value, !isList, list.count == 1 { return list[0] }
        return nil
    }

    public var number: UInt64? {
        if case .number(let value) = value { return value }
        return nil
    }
}

extension TestSyntax {
    /// The test as a person would write it again, for traces: `header :contains "subject" "URGENT"`.
    public var sourceText: String {
        var parts = [name]
        for argument in arguments {
            switch argument.value {
            case .tag(let tag): parts.append(":" + tag)
            case .number(let number): parts.append(String(number))
            case .strings(let list, let isList):
                let quoted = list.map { "\"" + $0.replacingOccurrences(of: "\r\n", with: "\\n") + "\"" }
                parts.append(isList ? "[" + quoted.joined(separator: ", ") + "]" : quoted.joined())
            }
        }
        if !tests.isEmpty { parts.append("(" + tests.map(\.sourceText).joined(separator: ", ") + ")") }
        return parts.joined(separator: " ")
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
