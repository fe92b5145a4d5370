/// Bounds on what a server may send. Past any of them the response is refused with a `IMAPParseError` (or the
/// state machine's protocol violation) that names the limit, and the client closes the connection: a hostile
/// or broken server cannot make the client use unbounded memory.
///
/// Bytes alone do not bound memory: one byte on the wire (`a ` in a flag list) becomes a whole `String` in
/// memory, so every list the parser builds also has a count.
public struct IMAPLimits: Sendable, Hashable {
    /// Bytes of one line, literals excluded.
    public var maxLineBytes: Int
    /// Bytes of one literal (a message body is one literal: the largest message the daemon will fetch).
    public var maxLiteralBytes: Int
    /// Bytes of one whole response, literals included.
    public var maxResponseBytes: Int
    /// Depth of nested parenthesised lists (BODYSTRUCTURE nests; nothing else needs more than a few).
    public var maxNesting: Int
    /// Items of any list without a bound of its own below (QUOTA resources, QUOTAROOT roots, NAMESPACE entries,
    /// CHILDINFO, LIST extended items, ESEARCH items, lists skipped inside BODYSTRUCTURE). Real servers send a
    /// handful; 10,000 leaves room for anything sane.
    public var maxListItems: Int
    /// Flags or keywords in one list (FLAGS, PERMANENTFLAGS, a message's FLAGS, a mailbox's LIST attributes).
    /// Dovecot keeps at most a few hundred keywords per mailbox; 10,000 is far past any real mailbox.
    public var maxFlags: Int
    /// Items of one FETCH response (UID, FLAGS, BODY[]…): the client asks for fewer than 10, and a server adds
    /// one or two (FLAGS, MODSEQ) on its own.
    public var maxFetchItems: Int
    /// Field-value pairs of an ID response. RFC 2971 says at most 30; a few more are tolerated.
    public var maxIDFields: Int
    /// Addresses in one ENVELOPE address list (From, To, Cc…): a message to a large list names thousands.
    public var maxAddresses: Int
    /// Names in one CAPABILITY or ENABLED list (Dovecot announces about 60).
    public var maxCapabilities: Int
    /// Numbers in one SEARCH response: one per matching message, so as many as a mailbox may hold.
    public var maxSearchResults: Int
    /// Ranges in one UID set (VANISHED, ESEARCH ALL, COPYUID, APPENDUID).
    public var maxSetRanges: Int
    /// Items of one STATUS response (also LIST-STATUS's): the client asks for at most 7.
    public var maxStatusItems: Int
    /// Bytes (as held in memory, `UntaggedResponse.approximateBytes`) of the untagged data one command collects
    /// before its tagged answer, beyond the bytes the command itself expects (a FETCH of bodies expects their
    /// sizes): without it a server could send FETCH literals nobody asked for until memory runs out.
    public var maxUntaggedBytesPerCommand: Int
    /// Events (`IMAPConnection.events`) waiting to be read; past it the oldest are dropped and counted.
    public var maxBufferedEvents: Int
    /// Bytes of the events waiting to be read (a FETCH event may carry data); past it the oldest are dropped
    /// and counted. EXISTS and flag changes are tens of bytes each: 4 MiB holds tens of thousands.
    public var maxBufferedEventBytes: Int

    public init(
        maxLineBytes: Int = 256 << 10, maxLiteralBytes: Int = 256 << 20, maxResponseBytes: Int = 300 << 20,
        maxNesting: Int = 32, maxListItems: Int = 10_000, maxFlags: Int = 10_000, maxFetchItems: Int = 100,
        maxIDFields: Int = 100, maxAddresses: Int = 10_000, maxCapabilities: Int = 1_000,
        maxSearchResults: Int = 1_000_000, maxSetRanges: Int = 100_000, maxStatusItems: Int = 100,
        maxUntaggedBytesPerCommand: Int = 64 << 20, maxBufferedEvents: Int = 100_000,
        maxBufferedEventBytes: Int = 4 << 20
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxLiteralBytes = maxLiteralBytes
        self.maxResponseBytes = maxResponseBytes
        self.maxNesting = maxNesting
        self.maxListItems = maxListItems
        self.maxFlags = maxFlags
        self.maxFetchItems = maxFetchItems
        self.maxIDFields = maxIDFields
        self.maxAddresses = maxAddresses
        self.maxCapabilities = maxCapabilities
        self.maxSearchResults = maxSearchResults
        self.maxSetRanges = maxSetRanges
        self.maxStatusItems = maxStatusItems
        self.maxUntaggedBytesPerCommand = maxUntaggedBytesPerCommand
        self.maxBufferedEvents = maxBufferedEvents
        self.maxBufferedEventBytes = maxBufferedEventBytes
    }

    public static let `default` = IMAPLimits()

    /// A count limit the parser checks, named: a key path applied per list item cost the parser a runtime key
    /// path walk for every flag and FETCH item (about 5 % of a 10,000-message sort's CPU time).
    enum Count: Sendable {
        case listItems, flags, fetchItems, idFields, addresses, capabilities, searchResults, setRanges, statusItems

        /// The limit's value in `limits`.
        func value(in limits: IMAPLimits) -> Int {
            switch self {
            case .listItems: limits.maxListItems
            case .flags: limits.maxFlags
            case .fetchItems: limits.maxFetchItems
            case .idFields: limits.maxIDFields
            case .addresses: limits.maxAddresses
            case .capabilities: limits.maxCapabilities
            case .searchResults: limits.maxSearchResults
            case .setRanges: limits.maxSetRanges
            case .statusItems: limits.maxStatusItems
            }
        }

        /// The property's name, for error messages that say which limit to raise.
        var name: String {
            switch self {
            case .listItems: "maxListItems"
            case .flags: "maxFlags"
            case .fetchItems: "maxFetchItems"
            case .idFields: "maxIDFields"
            case .addresses: "maxAddresses"
            case .capabilities: "maxCapabilities"
            case .searchResults: "maxSearchResults"
            case .setRanges: "maxSetRanges"
            case .statusItems: "maxStatusItems"
            }
        }
    }
}
