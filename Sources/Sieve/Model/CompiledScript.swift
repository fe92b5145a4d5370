/// A validated script, ready to run: every command and test checked against its signature and turned into
/// a typed node. Produced by `SieveCompiler`, run by `Interpreter`.
public struct CompiledScript: Sendable {
    public var commands: [CommandNode]
    /// How many value-cache slots the script's tests use (see `TestNode.header`).
    public var slotCount: Int = 0
    /// The capabilities the script required.
    public var capabilities: Set<String>
    /// What the script reads of a message, so the daemon fetches only that.
    public var needs: ScriptNeeds
    /// Whether a string of the script or of a script it includes reads `${0}`…`${9}`. When none does, a
    /// `:regex` test that matches need not find its groups: a second run over the value, by the thread
    /// simulation, which costs several times the DFA's answer (most messages match the rule packs'
    /// Message-ID pattern).
    public var readsMatchVariables = true
    /// Whether the script required imap4flags (its actions then take the internal flags): decided once here,
    /// where looking it up in `capabilities` was a hash of the name for every run.
    public var usesFlags = false
}

/// What a script reads of a message (issue: fetch only what rules need).
public struct ScriptNeeds: Sendable, Hashable {
    /// Header fields tested by name (lower case); `allHeaders` when a test can read any field.
    public var headerFields: Set<String> = []
    public var allHeaders = false
    public var body = false
    public var envelope = false
    public var size = false

    public init() {}
}

public indirect enum CommandNode: Sendable {
    case ifChain(branches: [(test: TestNode, block: [CommandNode])], otherwise: [CommandNode]?)
    case stop
    case keep(flags: [StringValue]?)
    case discard
    case fileinto(mailbox: StringValue, flags: [StringValue]?, copy: Bool, create: Bool)
    case redirect(address: StringValue, copy: Bool)
    case reject(reason: StringValue, extended: Bool)
    case setFlags(FlagOperation, variable: StringValue?, flags: [StringValue])
    /// `global` turns `set` into a store of a global variable.
    case set(name: String, global: Bool, value: StringValue, modifiers: [SetModifier])
    /// RFC 6609 include: the included script, compiled with its own requires.
    case include(IncludedScript)
    /// RFC 6609 return: ends the running (included) script.
    case `return`
    /// RFC 5293 addheader: at the top, or at the end with `:last`.
    case addHeader(name: StringValue, value: StringValue, last: Bool)
    /// RFC 5293 deleteheader: every field of that name, or the one `index` selects, whose value matches one of
    /// `patterns` (all of them when there are no patterns).
    case deleteHeader(name: StringValue, index: HeaderIndex?, patterns: KeyList?, match: MatchSpec)
    /// RFC 5435 notify (the mailto method of RFC 5436).
    case notify(
        method: StringValue, from: StringValue?, importance: String, options: [StringValue], message: StringValue?)
    /// RFC 5230 vacation (with RFC 6131 seconds): `seconds` already raised to the minimum.
    case vacation(Vacation)
    /// `addscore "3.5" "SUBJ_ALL_CAPS";` (vnd.mailsift.score): adds to the message's spam score.
    case addScore(points: Double, name: StringValue)
}

public enum FlagOperation: Sendable, Hashable {
    case set, add, remove
}

/// RFC 5229 4.1 modifiers of `set`, applied in precedence order.
public enum SetModifier: String, Sendable, Hashable, CaseIterable {
    case lower, upper, lowerfirst, upperfirst, quotewildcard, length
    /// RFC 5435 4: percent-encodes for a URI (needs enotify).
    case encodeurl
}

public indirect enum TestNode: Sendable {
    /// A test as written, with its place: what `--explain` reports.
    case located(TestNode, SourceLocation, text: String)
    /// A `:matches` or `:regex` test whose match variables no string of the script can read: a run need not
    /// find them (`MatchVariableLiveness`).
    case withoutMatchVariables(TestNode)
    case constant(Bool)
    case not(TestNode)
    case allOf([TestNode])
    case anyOf([TestNode])
    /// `slot`: the run's cache entry for these (literal) names, so a run looks values up by number.
    case header(names: [StringValue], index: HeaderIndex?, keys: KeyList, match: MatchSpec, slot: Int?)
    case address(
        part: AddressPart, headers: [StringValue], index: HeaderIndex?, keys: KeyList, match: MatchSpec, slot: Int?)
    case envelope(part: AddressPart, parts: [StringValue], keys: KeyList, match: MatchSpec)
    case exists(names: [StringValue])
    case size(over: Bool, limit: UInt64)
    case string(sources: [StringValue], keys: KeyList, match: MatchSpec)
    case mailboxExists(names: [StringValue])
    case hasFlag(variables: [StringValue]?, keys: KeyList, match: MatchSpec)
    /// RFC 5235 spamtest (and spamtestplus with `:percent`).
    case spamtest(percent: Bool, value: StringValue, match: MatchSpec)
    /// RFC 5235 virustest.
    case virustest(value: StringValue, match: MatchSpec)
    /// RFC 5260 date: a part of the date in a header field.
    /// `part` is nil for an unknown date part: the test is then false (as in Pigeonhole).
    case date(
        header: StringValue, part: DatePart?, zone: DateZone, index: HeaderIndex?, keys: KeyList, match: MatchSpec)
    /// RFC 5260 currentdate: a part of the time the script runs.
    case currentDate(part: DatePart?, zone: DateZone, keys: KeyList, match: MatchSpec)
    /// RFC 5435 valid_notify_method: every URI names a method this engine can notify with.
    case validNotifyMethod([StringValue])
    /// RFC 5435 notify_method_capability.
    case notifyMethodCapability(uri: StringValue, capability: StringValue, keys: KeyList, match: MatchSpec)
    /// RFC 7352 duplicate: whether this message's unique id was seen within `seconds`.
    case duplicate(handle: StringValue?, source: DuplicateSource, seconds: UInt64?, last: Bool)
    /// RFC 5173 body.
    case body(transform: BodyTransform, keys: KeyList, match: MatchSpec)
    /// `localdomain VALUES` (vnd.mailsift.site): a value is a local domain, a subdomain of one, or an
    /// address in one.
    case localDomain([StringValue])
    /// `lookalikedomain VALUES` (vnd.mailsift.site): a value is not local but looks like a local domain.
    case lookalikeDomain([StringValue])
    /// `externalorigin` (vnd.mailsift.site): the local servers' Received trail shows the message entering
    /// from outside.
    case externalOrigin
    /// `links [:url|:host|:texthost]` (vnd.mailsift.html): compares one value per link of the message.
    case links(part: LinkPart, keys: KeyList, match: MatchSpec)
    /// `linkanomaly KINDS` (vnd.mailsift.html): a link has one of these anomalies.
    case linkAnomaly(Set<LinkAnomaly>)
    /// `htmlchars :hidden|:visible` (vnd.mailsift.html): compares the number of characters of the HTML
    /// parts' hidden or visible text (no value when the message has no HTML part).
    case htmlCharacters(hidden: Bool, keys: KeyList, match: MatchSpec)
}

/// What the `links` test compares for each link.
public enum LinkPart: String, Sendable, Hashable {
    /// The href or URL as written.
    case url
    /// The host it points to (http, https and ftp links only).
    case host
    /// The host its text shows, when the text is a URL or a domain name.
    case texthost
}

/// What `linkanomaly` looks for in a message's links.
public enum LinkAnomaly: String, Sendable, Hashable, CaseIterable {
    /// The host is an IP address.
    case ip
    /// The text shows a host of another registrable domain than the one the link points to.
    case mismatch
    /// The host, or the host the text shows, looks like a local domain without being one.
    case lookalike
    /// A user name before the host (`http://www.bank.fr@evil.example/`).
    case userinfo
}

/// RFC 5173 body transforms.
public enum BodyTransform: Sendable, Hashable {
    /// The body as it stands after the header, undecoded.
    case raw
    /// The decoded content of the parts of these types (`"text"`, `"text/html"`; `""` for every part).
    case content([String])
    /// The text of every text/plain and text/html part, HTML turned into plain text (the default).
    case text
}

/// Which part of an address a test compares (RFC 5228 2.7.4, RFC 5233 subaddress).
public enum AddressPart: String, Sendable, Hashable {
    case all, localpart, domain, user, detail
}

/// RFC 5260 index: which occurrence of a header field (1 is the first, or the last with `fromEnd`).
public struct HeaderIndex: Sendable, Hashable {
    public var position: Int
    public var fromEnd: Bool
}

/// RFC 5260 date parts.
public enum DatePart: String, Sendable, Hashable, CaseIterable {
    case year, month, day, date, julian, hour, minute, second, time, iso8601, std11, zone, weekday
}

/// The zone a date is read in.
public enum DateZone: Sendable, Hashable {
    /// The local zone of the server (`:zone` and `:originalzone` absent).
    case local
    /// The zone written in the header (`:originalzone`).
    case original
    /// `:zone "+0100"`: seconds east of UTC.
    case fixed(Int)
}

/// The arguments of a `vacation` command.
public struct Vacation: Sendable, Hashable {
    public var seconds: UInt64
    public var subject: StringValue?
    public var from: StringValue?
    public var addresses: [StringValue]
    public var mime: Bool
    public var handle: StringValue?
    public var reason: StringValue
}

/// Where an included script lives (RFC 6609 2): the user's own scripts, or the administrator's.
public enum IncludeLocation: String, Sendable, Hashable {
    case personal, global
}

/// An `include`, resolved and compiled when the including script is compiled.
public final class IncludedScript: Sendable {
    public let location: IncludeLocation
    public let name: String
    public let once: Bool
    /// Nil for an `:optional` include whose script does not exist.
    public let commands: [CommandNode]?
    public let usesFlags: Bool

    init(location: IncludeLocation, name: String, once: Bool, commands: [CommandNode]?, usesFlags: Bool) {
        self.location = location
        self.name = name
        self.once = once
        self.commands = commands
        self.usesFlags = usesFlags
    }

    var key: String { location.rawValue + ":" + name }
}

/// What `duplicate` takes as the message's unique id.
public enum DuplicateSource: Sendable, Hashable {
    case messageID
    /// `:header NAME`: the value of that field.
    case header(StringValue)
    /// `:uniqueid VALUE`.
    case uniqueID(StringValue)
}

/// The keys of a test, with their texts ready when none holds a variable (nearly always), so a run does not
/// build the list again for every test. A class: a test's node holds one reference, where the struct's four
/// arrays were four retains and releases each time a run read the test.
public final class KeyList: Sendable {
    public let values: [StringValue]
    /// The keys' texts when every key is literal.
    public let literals: [String]?
    /// With `:regex`, each literal key compiled when the script was (nil for a key built from variables, which
    /// is compiled when the script runs).
    let regexes: [SieveRegex?]?
    /// `regexes` when every key was compiled with the script, as a run hands them to the matcher: the list is
    /// not made again at every test.
    let compiledRegexes: [SieveRegex?]?
    /// With `:contains` under `i;octet` or `i;ascii-casemap`, each key prepared for searching when every key is
    /// literal (nil otherwise).
    let searches: [SubstringSearch]?
    /// Whether one of `searches` is faster on values folded beforehand (`SubstringSearch.wantsFoldedValue`).
    let wantsFoldedValues: Bool

    public convenience init(_ values: [StringValue]) {
        self.init(values, regexes: nil, searches: nil)
    }

    init(_ values: [StringValue], regexes: [SieveRegex?]?, searches: [SubstringSearch]?) {
        self.values = values
        literals = Self.literals(of: values)
        self.regexes = regexes
        compiledRegexes = regexes.flatMap { $0.count == values.count && !$0.contains { $0 == nil } ? $0 : nil }
        self.searches = searches
        wantsFoldedValues = searches?.contains(where: \.wantsFoldedValue) ?? false
    }

    /// The keys' texts when every key is literal, else nil.
    static func literals(of values: [StringValue]) -> [String]? {
        values.allSatisfy(\.isLiteralText) ? values.map(\.literalText) : nil
    }
}
