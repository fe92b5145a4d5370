/// The tests, their match types and comparators.
extension Validator {
    mutating func test(_ test: TestSyntax) -> TestNode? {
        guard locatesTests else { return unlocatedTest(test) }
        return unlocatedTest(test).map { .located($0, test.location, text: test.sourceText) }
    }

    private mutating func unlocatedTest(_ test: TestSyntax) -> TestNode? {
        let inner = test.tests.map { self.test($0) }
        guard
            let bound = bind(
                name: test.name, kind: .test, location: test.location, arguments: test.arguments,
                testCount: test.tests.count, hasBlock: false)
        else { return nil }
        switch test.name {
        case "true": return .constant(true)
        case "false": return .constant(false)
        case "not", "allof", "anyof":
            if test.name != "not" && !test.testsAreList {
                error(
                    "the \(test.name) test takes a list of tests in parentheses, not a single test: write \(test.name) (…)",
                    at: test.location)
                return nil
            }
            let nodes = inner.compactMap { $0 }
            guard nodes.count == inner.count else { return nil }
            return test.name == "not" ? .not(nodes[0]) : test.name == "allof" ? .allOf(nodes) : .anyOf(nodes)
        case "exists":
            let names = headerNames(bound.positional[0])
            return .exists(names: names)
        case "size":
            needs.size = true
            return .size(over: bound.has("over"), limit: bound.positional[0].number ?? 0)
        case "duplicate":
            var source = DuplicateSource.messageID
            if let header = bound.tags["header"].flatMap({ $0 }) {
                source = .header(string(header))
            } else if let unique = bound.tags["uniqueid"].flatMap({ $0 }) {
                source = .uniqueID(string(unique))
            } else {
                needs.headerFields.insert("message-id")
            }
            return .duplicate(
                handle: bound.tags["handle"].flatMap { $0 }.map { string($0) }, source: source,
                seconds: bound.tags["seconds"].flatMap { $0 }?.number, last: bound.has("last"))
        case "valid_notify_method":
            return .validNotifyMethod(strings(bound.positional[0]))
        case "mailboxexists":
            return .mailboxExists(names: strings(bound.positional[0]))
        case "localdomain":
            return .localDomain(strings(bound.positional[0]))
        case "lookalikedomain":
            return .lookalikeDomain(strings(bound.positional[0]))
        case "externalorigin":
            needs.headerFields.insert("received")
            return .externalOrigin
        case "linkanomaly":
            needs.body = true
            var kinds = Set<LinkAnomaly>()
            for kind in strings(bound.positional[0]) {
                guard let name = kind.literal, let anomaly = LinkAnomaly(rawValue: name.lowercased()) else {
                    let known = LinkAnomaly.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                    error(
                        "linkanomaly: \"\(kind.literal ?? "a variable")\" is not a link anomaly (write a literal one of \(known))",
                        at: bound.positional[0].location)
                    return nil
                }
                kinds.insert(anomaly)
            }
            return .linkAnomaly(kinds)
        default:
            break
        }
        guard let match = matchSpec(bound) else { return nil }
        guard let keys = keyList(bound.positional.last!, match) else { return nil }
        switch test.name {
        case "header":
            let names = headerNames(bound.positional[0])
            return .header(
                names: names, index: headerIndex(bound), keys: keys, match: match, slot: slot(names, "header"))
        case "address":
            let headers = headerNames(bound.positional[0])
            for header in headers {
                if let name = header.literal, !Self.addressHeaders.contains(name.lowercased()) {
                    error(
                        "header '\(name)' is not an address header, so the address test cannot read it",
                        at: bound.positional[0].location)
                    return nil
                }
            }
            let part = addressPart(bound)
            return .address(
                part: part, headers: headers, index: headerIndex(bound), keys: keys, match: match,
                slot: slot(headers, "address:" + part.rawValue))
        case "envelope":
            needs.envelope = true
            let parts = strings(bound.positional[0])
            for part in parts {
                if let name = part.literal, !["from", "to", "auth"].contains(name.lowercased()) {
                    error(
                        "envelope part '\(name)' is not supported (only \"from\", \"to\" and \"auth\")",
                        at: bound.positional[0].location)
                    return nil
                }
            }
            return .envelope(part: addressPart(bound), parts: parts, keys: keys, match: match)
        case "string":
            return .string(sources: strings(bound.positional[0]), keys: keys, match: match)
        case "date", "currentdate":
            let partArgument = bound.positional[bound.positional.count - 2]
            let partName = (partArgument.singleString ?? "").lowercased()
            // Pigeonhole compiles an unknown part (the test is then false) and ignores a bad zone: so do we,
            // with a warning, so `mailsift check` still shows the typo.
            let part = DatePart(rawValue: partName)
            if part == nil {
                warning(
                    "unknown date part \"\(partName)\": this test is always false (known parts: year, month, day, date, julian, hour, minute, second, time, iso8601, std11, zone, weekday)",
                    at: partArgument.location)
            }
            var zone = DateZone.local
            if bound.has("originalzone") { zone = .original }
            if let zoneArgument = bound.tags["zone"].flatMap({ $0 }) {
                if let offset = Self.zoneOffset(zoneArgument.singleString ?? "") {
                    zone = .fixed(offset)
                } else {
                    warning(
                        "\"\(zoneArgument.singleString ?? "")\" is not a time zone (write +hhmm or -hhmm): the local zone is used",
                        at: zoneArgument.location)
                }
            }
            if test.name == "currentdate" { return .currentDate(part: part, zone: zone, keys: keys, match: match) }
            let header = headerNames(bound.positional[0])
            return .date(header: header[0], part: part, zone: zone, index: headerIndex(bound), keys: keys, match: match)
        case "body":
            needs.body = true
            let transform: BodyTransform =
                switch bound.tag(in: "transform") {
                case "raw": .raw
                case "content": .content((bound.tags["content"]!!.strings ?? []).map { $0.lowercased() })
                default: .text
                }
            return .body(transform: transform, keys: keys, match: match)
        case "links":
            needs.body = true
            let part = bound.tag(in: "link-part").flatMap(LinkPart.init(rawValue:)) ?? .host
            return .links(part: part, keys: keys, match: match)
        case "htmlchars":
            needs.body = true
            return .htmlCharacters(hidden: bound.has("hidden"), keys: keys, match: match)
        case "spamtest":
            needs.headerFields.insert("x-spam-score")
            return .spamtest(percent: bound.has("percent"), value: keys.values[0], match: match)
        case "virustest":
            needs.allHeaders = true
            return .virustest(value: keys.values[0], match: match)
        case "notify_method_capability":
            return .notifyMethodCapability(
                uri: string(bound.positional[0]), capability: string(bound.positional[1]), keys: keys, match: match)
        case "hasflag":
            let variables = bound.positional.count == 2 ? strings(bound.positional[0]) : nil
            return .hasFlag(variables: variables, keys: keys, match: match)
        default:
            return nil
        }
    }

    /// The headers the address test may read: RFC 5228's and the other address headers in use, as Pigeonhole
    /// accepts them.
    static let addressHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "sender", "resent-from", "resent-to", "reply-to", "resent-reply-to",
        "resent-sender", "resent-cc", "resent-bcc", "for-approval", "for-handling", "for-comment", "apparently-to",
        "errors-to", "delivered-to", "return-receipt-to", "x-admin", "read-receipt-to", "x-confirm-reading-to",
        "return-receipt-requested", "registered-mail-reply-requested-by", "mail-followup-to", "mail-reply-to",
        "abuse-reports-to", "x-complaints-to", "x-report-abuse-to", "x-beenthere", "x-original-from",
        "x-original-to",
    ]

    /// Header names, also recorded in `needs` so the daemon knows which fields to fetch.
    /// Header names are compared without case, so literal ones are stored in lower case once here rather than
    /// lower-cased at every test.
    private mutating func headerNames(_ argument: ArgumentSyntax) -> [StringValue] {
        strings(argument).map { name in
            guard let literal = name.literal else {
                needs.allHeaders = true
                return name
            }
            let lowered = literal.lowercased()
            needs.headerFields.insert(lowered)
            return StringValue(literal: lowered)
        }
    }

    /// The cache slot of a set of literal names (nil when a name holds a variable).
    private func slot(_ names: [StringValue], _ kind: String) -> Int? {
        guard names.allSatisfy(\.isLiteralText) else { return nil }
        return slots.slot(for: kind + "\u{0}" + names.map(\.literalText).joined(separator: "\u{0}"))
    }

    /// RFC 5260 6: `:index N [:last]`; `:last` alone is an error.
    private mutating func headerIndex(_ bound: BoundArguments) -> HeaderIndex? {
        guard let argument = bound.tags["index"].flatMap({ $0 }) else {
            if bound.has("last") { error(":last needs :index", at: bound.location) }
            return nil
        }
        let position = Int(clamping: argument.number ?? 0)
        if position < 1 { error(":index counts from 1", at: argument.location) }
        return HeaderIndex(position: position, fromEnd: bound.has("last"))
    }

    /// `+hhmm` / `-hhmm` to seconds east of UTC.
    static func zoneOffset(_ text: String) -> Int? {
        let characters = Array(text.utf8)
        guard characters.count == 5, characters[0] == UInt8(ascii: "+") || characters[0] == UInt8(ascii: "-"),
            characters[1...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        let value = Int(String(decoding: characters[1...], as: UTF8.self))!
        guard value % 100 < 60 else { return nil }
        return (characters[0] == UInt8(ascii: "-") ? -1 : 1) * (value / 100 * 3600 + value % 100 * 60)
    }

    private func addressPart(_ bound: BoundArguments) -> AddressPart {
        bound.tag(in: "address-part").flatMap(AddressPart.init(rawValue:)) ?? .all
    }

    mutating func matchSpec(_ bound: BoundArguments) -> MatchSpec? {
        var spec = MatchSpec.default
        if let argument = bound.tags["comparator"].flatMap({ $0 }) {
            let name = argument.singleString ?? ""
            guard let comparator = Comparator(rawValue: name.lowercased()) else {
                error("unknown comparator \"\(name)\"", at: argument.location)
                return nil
            }
            if let capability = comparator.capability, !capabilities.contains(capability) {
                error("comparator \"\(name)\" needs require \"\(capability)\"", at: argument.location)
                return nil
            }
            spec.comparator = comparator
        }
        switch bound.tag(in: "match-type") {
        case "contains": spec.matchType = .contains
        case "matches": spec.matchType = .matches
        case "regex": spec.matchType = .regex
        case "value", "count":
            let tag = bound.tag(in: "match-type")!
            let argument = bound.tags[tag]!!
            guard let op = RelationalOperator(rawValue: (argument.singleString ?? "").lowercased()) else {
                error(
                    "\"\(argument.singleString ?? "")\" is not a relational operator (gt, ge, lt, le, eq or ne)",
                    at: argument.location)
                return nil
            }
            spec.matchType = tag == "value" ? .value(op) : .count(op)
        default:
            spec.matchType = .is
        }
        if !spec.comparator.supportsSubstring,
            spec.matchType == .contains || spec.matchType == .matches || spec.matchType == .regex
        {
            error(
                "comparator \"\(spec.comparator.rawValue)\" cannot be used with :contains, :matches or :regex",
                at: bound.location)
            return nil
        }
        return spec
    }

    /// The keys of a test; with `:regex`, each literal one compiled now, so a bad pattern is a compile error with
    /// its place and a run never compiles it again.
    mutating func keyList(_ argument: ArgumentSyntax, _ match: MatchSpec) -> KeyList? {
        let values = strings(argument)
        guard match.matchType == .regex else {
            var searches: [SubstringSearch]?
            if match.matchType == .contains, match.comparator == .octet || match.comparator == .asciiCasemap,
                let literals = KeyList.literals(of: values)
            {
                searches = literals.map { SubstringSearch($0, fold: match.comparator == .asciiCasemap) }
            }
            return KeyList(values, regexes: nil, searches: searches)
        }
        var compiled: [SieveRegex?] = []
        for key in values {
            guard let pattern = key.literal else {
                compiled.append(nil)
                continue
            }
            switch regexes.regex(pattern, ignoringCase: match.comparator != .octet) {
            case .success(let regex): compiled.append(regex)
            case .failure(let problem):
                error(problem.message, at: argument.location)
                return nil
            }
        }
        return KeyList(values, regexes: compiled, searches: nil)
    }
}
