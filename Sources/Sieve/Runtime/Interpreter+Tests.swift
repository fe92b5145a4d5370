import MailMessage

/// TestSyntax evaluation.
extension Interpreter {
    func evaluate(_ test: TestNode) throws(Stop) -> Bool {
        if case .withoutMatchVariables(let inner) = test {
            // Not a step of its own: the inner test charges as it would unmarked.
            guard keepsMatches else { return try evaluate(inner) }
            keepsMatches = false
            defer { keepsMatches = true }
            return try evaluate(inner)
        }
        try spend()
        switch test {
        case .withoutMatchVariables(let inner):
            return try evaluate(inner)  // answered above
        case .located(let inner, let location, let text):
            guard trace != nil else { return try evaluate(inner) }
            lastComparison = nil
            let depth = trace!.count
            let result = try evaluate(inner)
            trace!.insert(
                TraceEntry(
                    location: location, test: text, result: result, values: lastComparison?.values,
                    keys: lastComparison?.keys),
                at: depth)
            lastComparison = nil
            return result
        case .constant(let value):
            return value
        case .not(let inner):
            return try !evaluate(inner)
        case .allOf(let tests):
            for inner in tests where try !evaluate(inner) { return false }
            return true
        case .anyOf(let tests):
            for inner in tests where try evaluate(inner) { return true }
            return false
        case .exists(let names):
            return names.allSatisfy { name in
                fieldKey(expand(name)).map { headerCache.contains($0, in: header) } ?? false
            }
        case .size(let over, let limit):
            return over ? UInt64(input.size) > limit : UInt64(input.size) < limit
        case .duplicate(let handle, let source, let seconds, let last):
            let id: String?
            switch source {
            case .messageID: id = header.first("Message-ID")?.unfoldedValue
            case .header(let name): id = header.first(expand(name))?.unfoldedValue
            case .uniqueID(let value): id = expand(value)
            }
            guard let id, !id.isEmpty else { return false }
            let period = min(seconds ?? limits.duplicateDefaultSeconds, limits.duplicateMaximumSeconds)
            let key = DuplicateKey(id: id, handle: handle.map(expand) ?? "", seconds: period, last: last)
            if !duplicateMarks.contains(key) { duplicateMarks.append(key) }
            return input.seenBefore(key)
        case .validNotifyMethod(let uris):
            return uris.allSatisfy { uri in
                let text = expand(uri)
                guard text.lowercased().hasPrefix("mailto:"), case .success = MailtoURI.parse(text) else {
                    return false
                }
                return true
            }
        case .notifyMethodCapability(let uri, let capability, let keys, let match):
            // RFC 5435 5: mailto cannot know whether the recipient is online.
            guard expand(uri).lowercased().hasPrefix("mailto:"), expand(capability).lowercased() == "online" else {
                return false
            }
            return try compare(["maybe"], keys, match)
        case .mailboxExists(let names):
            return names.allSatisfy { input.mailboxExists(expand($0)) }
        case .header(let names, let index, let keys, let match, let slot):
            if index == nil, let slot, slot < slotValues.count {
                if slotValues[slot] == nil {
                    var found: [String] = []
                    for name in names { found += decodedValues(of: expand(name)) }
                    slotValues[slot] = found
                }
                return try compare(slotValues[slot]!, keys, match)
            }
            var found: [String] = []
            if index == nil, names.count == 1 {
                found = decodedValues(of: expand(names[0]))  // the cached array itself, no copy
            } else if index == nil {
                for name in names { found += decodedValues(of: expand(name)) }
            } else {
                found = fields(names, index).map(\.decodedValue)
            }
            return try compare(found, keys, match)
        case .address(let part, let headers, let index, let keys, let match, let slot):
            if case .count = match.matchType {
                // RFC 5231 4.2: the addresses are counted, whatever the part (an address without a detail counts
                // too, as in Pigeonhole). Their values are made only for `--explain`: a spam's hundred
                // recipients were a hundred strings for one number.
                let mailboxes =
                    index == nil
                    ? headers.flatMap { parsedMailboxes(of: expand($0)) }
                    : fields(headers, index).flatMap { AddressParser.parseMailboxes($0.unfoldedBytes) }
                let values =
                    trace == nil
                    ? Array(repeating: "", count: mailboxes.count)
                    : mailboxes.map { AddressParts.value(of: $0, .all, input.subaddressSeparator) ?? "" }
                return try compare(values, keys, match)
            }
            if index == nil, let slot, slot < slotValues.count {
                if slotValues[slot] == nil {
                    var values: [String] = []
                    for name in headers { values += addressValues(of: expand(name), part) }
                    slotValues[slot] = values
                }
                return try compare(slotValues[slot]!, keys, match)
            }
            if index == nil, headers.count == 1 {
                return try compare(addressValues(of: expand(headers[0]), part), keys, match)
            }
            if index == nil {
                var values: [String] = []
                for name in headers { values += addressValues(of: expand(name), part) }
                return try compare(values, keys, match)
            }
            let mailboxes = fields(headers, index).flatMap { AddressParser.parseMailboxes($0.unfoldedBytes) }
            return try compare(
                mailboxes.compactMap { AddressParts.value(of: $0, part, input.subaddressSeparator) }, keys, match)
        case .envelope(let part, let parts, let keys, let match):
            var values: [String] = []
            for name in parts.map({ expand($0).lowercased() }) {
                // "auth" (the authenticated sender) has no value for mail that arrives over IMAP.
                let raw = name == "from" ? input.envelopeFrom : name == "to" ? input.envelopeTo : nil
                guard let raw else { continue }
                let mailbox = AddressParts.mailbox(fromEnvelope: raw)
                if let value = AddressParts.value(of: mailbox, part, input.subaddressSeparator) { values.append(value) }
            }
            return try compare(values, keys, match)
        case .string(let sources, let keys, let match):
            var values = sources.map(expand)
            if case .count = match.matchType { values.removeAll { $0.isEmpty } }
            return try compare(values, keys, match)
        case .date(let header, let part, let zone, let index, let keys, let match):
            guard let part else { return false }
            let values = fields([header], index).compactMap { field -> String? in
                guard let date = DateValues.parse(field) else { return nil }
                return DateValues.part(part, of: date.secondsSince1970, zone: offset(zone, original: date))
            }
            return try compare(values, keys, match)
        case .currentDate(let part, let zone, let keys, let match):
            guard let part else { return false }
            let now = input.now
            let local = MessageDate(
                secondsSince1970: now, zoneOffsetSeconds: input.localZoneOffset(now), zoneIsKnown: true)
            return try compare([DateValues.part(part, of: now, zone: offset(zone, original: local))], keys, match)
        case .body(let transform, let keys, let match):
            let extracted = extracts.extracted(transform)
            // `:contains ""` is true for any value: it asks only whether there is one (`body :content
            // "text/html" :contains ""`: is there an HTML part), which needs no decoding.
            if trace == nil, match.matchType == .contains, match.comparator.supportsSubstring,
                let literals = keys.literals, literals.allSatisfy(\.isEmpty), extracted == nil
            {
                // No value is scanned: the first key matches the first value at once (2 steps, not the
                // value's length as a scan would charge).
                let found = !literals.isEmpty && BodyValues.hasValues(input.message, transform, extracts: extracts)
                if found { try spend(2) }
                return found
            }
            // `:raw :contains` with ASCII keys (GTUBE): the raw body searched as it is. Decoding it would only
            // turn bytes that are not UTF-8 into other non-ASCII bytes (Windows-1252), and an ASCII key matches
            // the ASCII bytes, which decoding leaves alone, so the answer is the same without the copy.
            if case .raw = transform, trace == nil, match.matchType == .contains, let searches = keys.searches,
                let literals = keys.literals, literals.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }),
                extracted == nil
            {
                let message = input.message
                let raw = message.bytes[message.bodyRange]
                for search in searches {
                    try spend(raw.count / 16 + 2)
                    if raw.withUnsafeBufferPointer({ search.occurs(in: $0, folded: false) }) { return true }
                }
                return false
            }
            // Extracting a body is the costly part: once per transform per run.
            let body = extracted ?? extracts.body(transform, of: input.message)
            if keys.wantsFoldedValues {
                return try compare(body.values, keys, match, folded: body.folded, grams: body.grams)
            }
            return try compare(body.values, keys, match)
        case .localDomain(let values):
            return values.contains { input.site.isLocal(expand($0)) }
        case .lookalikeDomain(let values):
            return values.contains { input.site.isLookalike(expand($0)) }
        case .externalOrigin:
            return ReceivedTrail.isFromOutside(header, site: input.site)
        case .links(let part, let keys, let match):
            let values: [String] = messageLinks.links.compactMap { link in
                switch part {
                case .url: Optional(link.url)
                case .host: link.host
                case .texthost: link.textHost
                }
            }
            return try compare(values, keys, match)
        case .linkAnomaly(let kinds):
            let site = input.site
            return messageLinks.links.contains { link in
                kinds.contains { kind in
                    switch kind {
                    case .ip: link.host.map(DomainName.isIPLiteral) ?? false
                    case .mismatch: MessageLinks.isMismatched(link)
                    case .userinfo: link.hasUserinfo
                    case .lookalike:
                        (link.host.map(site.isLookalike) ?? false) || (link.textHost.map(site.isLookalike) ?? false)
                    }
                }
            }
        case .htmlCharacters(let hidden, let keys, let match):
            let links = messageLinks
            let values = links.hasHTML ? [String(hidden ? links.hiddenCharacters : links.visibleCharacters)] : []
            return try compare(values, keys, match)
        case .spamtest(let percent, let value, let match):
            return try compare([spamStatus(percent: percent)], [value], match)
        case .virustest(let value, let match):
            return try compare([virusStatus()], [value], match)
        case .hasFlag(let variableNames, let keys, let match):
            let flagValues =
                variableNames.map { names in
                    names.flatMap { FlagSet(text: variables[expand($0).lowercased()] ?? "").flags }
                } ?? flags.flags
            return try compare(flagValues, keys, match)
        }
    }

    /// The message's links and HTML measure, gathered once per run.
    private var messageLinks: MessageLinks {
        if let cached = extracts.links { return cached }
        let links = MessageLinks(input.message, extracts: extracts)
        extracts.links = links
        return links
    }

    /// The decoded values of every field with this name, decoded once per run.
    private func decodedValues(of name: String) -> [String] {
        guard let key = fieldKey(name) else { return [] }
        if let cached = headerCache.decodedValues[key] { return cached }
        let fields = header.fields
        let values = headerCache.positions(of: key, in: header).map { fields[$0].decodedValue }
        headerCache.decodedValues[key] = values
        return values
    }

    /// The mailboxes of every field with this name, parsed once per run.
    private func parsedMailboxes(of name: String) -> [Mailbox] {
        guard let key = fieldKey(name) else { return [] }
        if let cached = headerCache.parsedMailboxes[key] { return cached }
        var list: [Mailbox] = []
        let fields = header.fields
        for index in headerCache.positions(of: key, in: header) {
            // The address test compares addresses only: display names are not decoded.
            list += AddressParser.parseMailboxes(fields[index].unfoldedBytes, withNames: false)
        }
        headerCache.parsedMailboxes[key] = list
        return list
    }

    /// One address part of every mailbox of the fields with this name, computed once per run.
    private func addressValues(of name: String, _ part: AddressPart) -> [String] {
        guard let name = fieldKey(name) else { return [] }
        let key = AddressPartKey(name: name, part: part)
        if let cached = headerCache.addressPartValues[key] { return cached }
        let values = parsedMailboxes(of: name).compactMap {
            AddressParts.value(of: $0, part, input.subaddressSeparator)
        }
        headerCache.addressPartValues[key] = values
        return values
    }

    /// The key of the fields a name looks up: the name in lower case; nil for a name with a byte that is not
    /// ASCII, which names no field (the parser keeps field names ASCII), and must not be lower-cased into one
    /// (U+212A KELVIN SIGN lower-cases to "k").
    /// The name is returned as it is when already in lower case (literal names are lowered at compile time):
    /// one pass over its bytes in place, where two passes through `String.UTF8View` were 2 % of the rules.
    private func fieldKey(_ name: String) -> String? {
        var name = name
        var hasUpper = false
        let isASCII = name.withUTF8 { bytes in
            for byte in bytes {
                if byte >= 0x80 { return false }
                if byte &- 0x41 < 26 { hasUpper = true }
            }
            return true
        }
        guard isASCII else { return nil }
        return hasUpper ? name.lowercased() : name
    }

    /// The fields with these names in order, or just the one `index` selects (RFC 5260 6).
    private func fields(_ names: [StringValue], _ index: HeaderIndex?) -> [HeaderField] {
        let all = names.flatMap { header.fields(named: expand($0)) }
        guard let index else { return all }
        guard index.position >= 1, index.position <= all.count else { return [] }
        return [all[index.fromEnd ? all.count - index.position : index.position - 1]]
    }

    /// RFC 5293 deleteheader on the script's view of the header.
    func deleteHeader(_ name: String, index: HeaderIndex?, patterns: KeyList?, match: MatchSpec) throws(Stop) {
        guard !Validator.protectedFields.contains(name.lowercased()) else { return }
        let positions = header.fields.indices.filter { Header.sameName(header.fields[$0].name, name) }
        var candidates = positions
        if let index {
            guard index.position >= 1, index.position <= positions.count else { return }
            candidates = [positions[index.fromEnd ? positions.count - index.position : index.position - 1]]
        }
        var doomed = Set<Int>()
        for position in candidates {
            if let patterns {
                var captures: [String]? = nil
                let matched: Bool
                do {
                    let keyTexts = patterns.literals ?? patterns.values.map { expand($0) }
                    matched = try Matcher(spec: match).test(
                        values: [header.fields[position].decodedValue], keys: keyTexts,
                        regexes: regexes(patterns, keyTexts, match), budget: &budget, captures: &captures)
                } catch {
                    throw .failure(Self.budgetMessage(limits))
                }
                if !matched { continue }
            }
            doomed.insert(position)
        }
        header = Header(fields: header.fields.indices.filter { !doomed.contains($0) }.map { header.fields[$0] })
    }

    private func offset(_ zone: DateZone, original: MessageDate) -> Int {
        switch zone {
        case .local: input.localZoneOffset(original.secondsSince1970)
        case .original: original.zoneOffsetSeconds
        case .fixed(let seconds): seconds
        }
    }

    /// RFC 5235 spam status: from the added score when scripts added any, else from the scanner's header.
    private func spamStatus(percent: Bool) -> String {
        let settings = input.spam
        if !scoreHits.isEmpty {
            let total = scoreHits.reduce(0) { $0 + $1.points }
            return SpamSettings.status(score: total, maximum: settings.requiredScore * 2, percent: percent)
        }
        guard let name = settings.scoreHeader, let field = input.message.header.first(name) else { return "0" }
        return SpamSettings.status(
            score: ScoreText.parse(field.unfoldedValue), maximum: settings.scoreHeaderMaximum, percent: percent)
    }

    /// RFC 5235 virus status: the scanner's word mapped to 1…5, then onto the 1–5 scale Pigeonhole reports.
    private func virusStatus() -> String {
        let settings = input.spam
        guard let name = settings.virusHeader, let field = input.message.header.first(name) else { return "0" }
        let value = field.unfoldedValue
        guard value.hasPrefix(settings.virusPrefix), value.hasSuffix(settings.virusSuffix),
            value.count > settings.virusPrefix.count + settings.virusSuffix.count
        else { return "0" }
        let word = String(value.dropFirst(settings.virusPrefix.count).dropLast(settings.virusSuffix.count))
        guard let status = settings.virusStatuses[word] else { return "0" }
        return String(Int((Float(status) / 5 * 4 + 1.001).rounded(.down)))
    }

    /// `folded`: the values with their ASCII letters in lower case, for `:contains` keys that search faster in
    /// them (see `SubstringSearch`).
    private func compare(
        _ values: [String], _ keys: KeyList, _ match: MatchSpec, folded: [[UInt8]]? = nil, grams: [ByteGrams?]? = nil
    ) throws(Stop) -> Bool {
        let texts = keys.literals ?? keys.values.map { expand($0) }
        let compiled: [SieveRegex?]
        do { compiled = try regexes(keys, texts, match) } catch { throw .failure(Self.budgetMessage(limits)) }
        return try compare(
            values, keyTexts: texts, regexes: compiled, searches: keys.searches, folded: folded, grams: grams, match)
    }

    private func compare(_ values: [String], _ keys: [StringValue], _ match: MatchSpec) throws(Stop) -> Bool {
        try compare(values, KeyList(keys), match)
    }

    /// With `:regex`, the compiled keys: those of the script, and those built from variables compiled now.
    private func regexes(_ keys: KeyList, _ texts: [String], _ match: MatchSpec) throws(StepBudget.Exhausted)
        -> [SieveRegex?]
    {
        guard match.matchType == .regex else { return [] }
        if let compiled = keys.compiledRegexes { return compiled }
        var compiled: [SieveRegex?] = []
        for (index, text) in texts.enumerated() {
            if let regex = keys.regexes?[index] {
                compiled.append(regex)
            } else {
                let ignoringCase = match.comparator != .octet
                compiled.append(try runtimeRegexes.regex(text, ignoringCase: ignoringCase, budget: &budget))
            }
        }
        return compiled
    }

    private func compare(
        _ values: [String], keyTexts keyValues: [String], regexes: [SieveRegex?], searches: [SubstringSearch]? = nil,
        folded: [[UInt8]]? = nil, grams: [ByteGrams?]? = nil, _ match: MatchSpec
    ) throws(Stop) -> Bool {
        if trace != nil { lastComparison = (values, keyValues) }
        let matcher = Matcher(spec: match)
        var captures: [String]? =
            keepsMatches && (match.matchType == .matches || match.matchType == .regex) ? [] : nil
        let result: Bool
        do {
            result = try matcher.test(
                values: values, keys: keyValues, regexes: regexes, searches: searches, folded: folded, grams: grams,
                budget: &budget, captures: &captures)
        } catch {
            throw .failure(Self.budgetMessage(limits))
        }
        if result, let captures, !captures.isEmpty {
            matchValues = captures.map(Self.cut)
        }
        return result
    }
}

/// The address parts of RFC 5228 2.7.4 and RFC 5233.
enum AddressParts {
    static func value(of mailbox: Mailbox, _ part: AddressPart, _ separator: Character) -> String? {
        let local = mailbox.localPart
        switch part {
        case .all: return mailbox.domain.map { local + "@" + $0 } ?? local
        case .localpart: return local
        case .domain: return mailbox.domain ?? ""
        case .user: return local.firstIndex(of: separator).map { String(local[..<$0]) } ?? local
        case .detail: return local.firstIndex(of: separator).map { String(local[local.index(after: $0)...]) }
        }
    }

    /// An envelope address is a bare addr-spec, possibly in angle brackets.
    static func mailbox(fromEnvelope raw: String) -> Mailbox {
        AddressParser.parseMailboxes(Array(raw.utf8)).first ?? Mailbox(localPart: raw, domain: nil)
    }
}

/// A field name and an address part: the key of the address cache.
struct AddressPartKey: Hashable {
    var name: String
    var part: AddressPart
}
