/// What a command or test accepts: its tagged arguments, positional arguments, tests and block.
/// One table (`Signatures`) holds them all, so adding an extension is adding rows.
struct Signature: Sendable {
    enum Kind: Sendable { case command, test }

    enum ParameterKind: Sendable, Hashable, CustomStringConvertible {
        case string, stringList, number

        var description: String {
            switch self {
            case .string: "a string"
            case .stringList: "a string list"
            case .number: "a number"
            }
        }
    }

    struct Tag: Sendable {
        var name: String
        /// The capability that must be required for the tag to exist.
        var capability: String?
        var parameter: ParameterKind?
        /// Tags of one group exclude each other (match types, comparators, address parts).
        var group: String?
    }

    enum Tests: Sendable { case none, one, list }

    var name: String
    var kind: Kind
    var capability: String?
    var tags: [Tag] = []
    /// Accepted positional argument lists (most have one; `addflag` takes an optional variable name first).
    var positional: [[ParameterKind]] = [[]]
    var tests: Tests = .none
    var block = false
    /// Tags of which one must be given (`size` needs `:over` or `:under`).
    var requiredGroup: String?

    var noun: String { kind == .command ? "command" : "test" }
}

extension Signature.Tag {
    static let comparator = Signature.Tag(name: "comparator", parameter: .string, group: "comparator")
    static let matchTypes: [Signature.Tag] = [
        .init(name: "is", group: "match-type"),
        .init(name: "contains", group: "match-type"),
        .init(name: "matches", group: "match-type"),
        .init(name: "regex", capability: "regex", group: "match-type"),
        .init(name: "value", capability: "relational", parameter: .string, group: "match-type"),
        .init(name: "count", capability: "relational", parameter: .string, group: "match-type"),
    ]
    static let addressParts: [Signature.Tag] = [
        .init(name: "all", group: "address-part"),
        .init(name: "localpart", group: "address-part"),
        .init(name: "domain", group: "address-part"),
        .init(name: "user", capability: "subaddress", group: "address-part"),
        .init(name: "detail", capability: "subaddress", group: "address-part"),
    ]
    static let flags = Signature.Tag(name: "flags", capability: "imap4flags", parameter: .stringList)
    static let copy = Signature.Tag(name: "copy", capability: "copy")
    static let index: [Signature.Tag] = [
        .init(name: "index", capability: "index", parameter: .number),
        .init(name: "last", capability: "index"),
    ]
    static let create = Signature.Tag(name: "create", capability: "mailbox")
}

enum Signatures {
    static let matching = [Signature.Tag.comparator] + Signature.Tag.matchTypes

    static let all: [String: Signature] = {
        let list: [Signature] = [
            // RFC 5228 control and action commands.
            Signature(name: "require", kind: .command, positional: [[.stringList]]),
            Signature(name: "if", kind: .command, tests: .one, block: true),
            Signature(name: "elsif", kind: .command, tests: .one, block: true),
            Signature(name: "else", kind: .command, block: true),
            Signature(name: "stop", kind: .command),
            Signature(name: "keep", kind: .command, tags: [.flags]),
            Signature(name: "discard", kind: .command),
            Signature(name: "redirect", kind: .command, tags: [.copy], positional: [[.string]]),
            Signature(
                name: "fileinto", kind: .command, capability: "fileinto", tags: [.flags, .copy, .create],
                positional: [[.string]]),
            Signature(name: "reject", kind: .command, capability: "reject", positional: [[.string]]),
            Signature(name: "ereject", kind: .command, capability: "ereject", positional: [[.string]]),
            // RFC 5232 imap4flags.
            Signature(
                name: "setflag", kind: .command, capability: "imap4flags",
                positional: [[.stringList], [.string, .stringList]]),
            Signature(
                name: "addflag", kind: .command, capability: "imap4flags",
                positional: [[.stringList], [.string, .stringList]]),
            Signature(
                name: "removeflag", kind: .command, capability: "imap4flags",
                positional: [[.stringList], [.string, .stringList]]),
            // RFC 5229 variables.
            Signature(
                name: "set", kind: .command, capability: "variables",
                tags: SetModifier.allCases.map {
                    .init(
                        name: $0.rawValue, capability: $0 == .encodeurl ? "enotify" : nil,
                        group: "modifier-\($0.precedence)")
                },
                positional: [[.string, .string]]),
            // RFC 5228 tests.
            Signature(name: "true", kind: .test),
            Signature(name: "false", kind: .test),
            Signature(name: "not", kind: .test, tests: .one),
            Signature(name: "allof", kind: .test, tests: .list),
            Signature(name: "anyof", kind: .test, tests: .list),
            Signature(
                name: "header", kind: .test, tags: matching + Signature.Tag.index,
                positional: [[.stringList, .stringList]]),
            Signature(
                name: "address", kind: .test, tags: matching + Signature.Tag.addressParts + Signature.Tag.index,
                positional: [[.stringList, .stringList]]),
            // RFC 5260 date, currentdate.
            Signature(
                name: "date", kind: .test, capability: "date",
                tags: matching + Signature.Tag.index + [
                    .init(name: "zone", parameter: .string, group: "zone"), .init(name: "originalzone", group: "zone"),
                ], positional: [[.string, .string, .stringList]]),
            Signature(
                name: "currentdate", kind: .test, capability: "date",
                tags: matching + [.init(name: "zone", parameter: .string, group: "zone")],
                positional: [[.string, .stringList]]),
            Signature(
                name: "envelope", kind: .test, capability: "envelope",
                tags: matching + Signature.Tag.addressParts, positional: [[.stringList, .stringList]]),
            Signature(name: "exists", kind: .test, positional: [[.stringList]]),
            Signature(
                name: "size", kind: .test,
                tags: [.init(name: "over", group: "size"), .init(name: "under", group: "size")],
                positional: [[.number]], requiredGroup: "size"),
            Signature(
                name: "string", kind: .test, capability: "variables", tags: matching,
                positional: [[.stringList, .stringList]]),
            Signature(name: "mailboxexists", kind: .test, capability: "mailbox", positional: [[.stringList]]),
            Signature(
                name: "hasflag", kind: .test, capability: "imap4flags", tags: matching,
                positional: [[.stringList], [.stringList, .stringList]]),
            // RFC 7352 duplicate.
            Signature(
                name: "duplicate", kind: .test, capability: "duplicate",
                tags: [
                    .init(name: "handle", parameter: .string),
                    .init(name: "header", parameter: .string, group: "source"),
                    .init(name: "uniqueid", parameter: .string, group: "source"),
                    .init(name: "seconds", parameter: .number), .init(name: "last"),
                ]),
            // RFC 5173 body.
            Signature(
                name: "body", kind: .test, capability: "body",
                tags: matching + [
                    .init(name: "raw", group: "transform"),
                    .init(name: "content", parameter: .stringList, group: "transform"),
                    .init(name: "text", group: "transform"),
                ], positional: [[.stringList]]),
            // RFC 5235 spamtest, spamtestplus, virustest.
            Signature(
                name: "spamtest", kind: .test, capability: "spamtest",
                tags: matching + [.init(name: "percent", capability: "spamtestplus")], positional: [[.string]]),
            Signature(name: "virustest", kind: .test, capability: "virustest", tags: matching, positional: [[.string]]),
            // RFC 6609 include, return, global.
            Signature(
                name: "include", kind: .command, capability: "include",
                tags: [
                    .init(name: "personal", group: "location"), .init(name: "global", group: "location"),
                    .init(name: "once"), .init(name: "optional"),
                ], positional: [[.string]]),
            Signature(name: "return", kind: .command, capability: "include"),
            Signature(name: "global", kind: .command, capability: "include", positional: [[.stringList]]),
            // RFC 5293 editheader.
            Signature(
                name: "addheader", kind: .command, capability: "editheader", tags: [.init(name: "last")],
                positional: [[.string, .string]]),
            Signature(
                name: "deleteheader", kind: .command, capability: "editheader",
                tags: matching + [
                    .init(name: "index", parameter: .number), .init(name: "last"),
                ], positional: [[.string], [.string, .stringList]]),
            // RFC 5435 enotify.
            Signature(
                name: "notify", kind: .command, capability: "enotify",
                tags: [
                    .init(name: "from", parameter: .string), .init(name: "importance", parameter: .string),
                    .init(name: "options", parameter: .stringList), .init(name: "message", parameter: .string),
                ], positional: [[.string]]),
            Signature(name: "valid_notify_method", kind: .test, capability: "enotify", positional: [[.stringList]]),
            Signature(
                name: "notify_method_capability", kind: .test, capability: "enotify", tags: matching,
                positional: [[.string, .string, .stringList]]),
            // RFC 5230 vacation, RFC 6131 :seconds.
            Signature(
                name: "vacation", kind: .command, capability: "vacation",
                tags: [
                    .init(name: "days", parameter: .number, group: "period"),
                    .init(name: "seconds", capability: "vacation-seconds", parameter: .number, group: "period"),
                    .init(name: "subject", parameter: .string), .init(name: "from", parameter: .string),
                    .init(name: "addresses", parameter: .stringList), .init(name: "mime"),
                    .init(name: "handle", parameter: .string),
                ], positional: [[.string]]),
            // Ours: what the site's rule packs need and standard Sieve cannot say (docs/sieve-extensions.md).
            Signature(name: "localdomain", kind: .test, capability: "vnd.mailsift.site", positional: [[.stringList]]),
            Signature(
                name: "lookalikedomain", kind: .test, capability: "vnd.mailsift.site", positional: [[.stringList]]),
            Signature(name: "externalorigin", kind: .test, capability: "vnd.mailsift.site"),
            Signature(
                name: "links", kind: .test, capability: "vnd.mailsift.html",
                tags: matching + [
                    .init(name: "url", group: "link-part"), .init(name: "host", group: "link-part"),
                    .init(name: "texthost", group: "link-part"),
                ], positional: [[.stringList]]),
            Signature(name: "linkanomaly", kind: .test, capability: "vnd.mailsift.html", positional: [[.stringList]]),
            Signature(
                name: "htmlchars", kind: .test, capability: "vnd.mailsift.html",
                tags: matching + [
                    .init(name: "hidden", group: "html-text"), .init(name: "visible", group: "html-text"),
                ],
                positional: [[.stringList]], requiredGroup: "html-text"),
            // Ours: the administrator's scoring rules add named scores (vnd.mailsift.score).
            Signature(
                name: "addscore", kind: .command, capability: "vnd.mailsift.score", positional: [[.string, .string]]),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()
}

extension SetModifier {
    /// RFC 5229 4.1: modifiers of the same precedence cannot be combined.
    var precedence: Int {
        switch self {
        case .lower, .upper: 40
        case .lowerfirst, .upperfirst: 30
        case .quotewildcard: 20
        case .encodeurl: 15
        case .length: 10
        }
    }
}
