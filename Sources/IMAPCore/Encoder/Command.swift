/// The commands the daemon sends, as values. `CommandEncoder` turns them into bytes.
///
/// Passwords and tokens are `Secret`s, so printing, interpolating, dumping or reflecting a command (in a log
/// line, a test failure, an error) shows `<redacted>` in their place.
public enum Command: Sendable, Hashable {
    case capability
    case noop
    case logout
    case startTLS
    case login(user: String, password: Secret)
    /// AUTHENTICATE PLAIN with an initial response (SASL-IR): `authorizationID` acts as another user (Dovecot
    /// master users), empty to act as oneself.
    case authenticatePlain(authorizationID: String, user: String, password: Secret)
    /// AUTHENTICATE XOAUTH2 (Google, Microsoft) with a bearer token from the caller.
    case authenticateXOAuth2(user: String, token: Secret)
    /// AUTHENTICATE OAUTHBEARER (RFC 7628).
    case authenticateOAuthBearer(user: String, host: String, port: Int, token: Secret)
    case enable([String])
    /// SELECT; with `qresync` (after ENABLE QRESYNC) the server reports what changed since that state, as
    /// VANISHED (EARLIER) and FETCH responses.
    case select(MailboxName, condStore: Bool, qresync: QResyncParameters? = nil)
    case examine(MailboxName, condStore: Bool, qresync: QResyncParameters? = nil)
    case unselect
    case create(MailboxName)
    case delete(MailboxName)
    /// LIST "" pattern, returning SPECIAL-USE attributes and, with LIST-STATUS, these STATUS items.
    case list(pattern: MailboxName, specialUse: Bool, status: [String])
    case status(MailboxName, items: [String])
    case idle
    /// UID SEARCH with criteria; `returnOptions` makes it ESEARCH (`RETURN (ALL COUNT)`).
    case uidSearch(SearchKey, returnOptions: [String]?)
    case uidFetch(UIDSet, items: [FetchItem], changedSince: UInt64?)
    case uidStore(UIDSet, StoreOperation, flags: [String], silent: Bool)
    case uidCopy(UIDSet, to: MailboxName)
    case uidMove(UIDSet, to: MailboxName)
    /// UIDPLUS: expunges only these UIDs (never a plain EXPUNGE, which could remove others' deletions).
    case uidExpunge(UIDSet)
    /// APPEND with flags and internal date (`"26-Nov-2026 18:15:28 +0000"`).
    case append(MailboxName, flags: [String], internalDate: String?, message: [UInt8])
    /// MULTIAPPEND (RFC 3502): several messages in one command, stored all or none.
    case multiAppend(MailboxName, [AppendMessage])
    /// NOTIFY SET (RFC 5465): MessageNew, MessageExpunge and FlagChange in the selected mailbox, and with
    /// `otherMailboxes`, new and expunged messages elsewhere in the personal namespace (as STATUS responses).
    /// `.notify(nil)` is NOTIFY NONE.
    case notify(NotifyRequest?)
    case getQuotaRoot(MailboxName)
    case getQuota(String)
    case namespace
    case id([String: String])
    case compressDeflate

    /// True when the command carries a secret: its log form hides the arguments.
    public var isSensitive: Bool {
        switch self {
        case .login, .authenticatePlain, .authenticateXOAuth2, .authenticateOAuthBearer: return true
        default: return false
        }
    }
}

/// The state a client remembers of a mailbox, for SELECT … (QRESYNC (…)) (RFC 7162).
public struct QResyncParameters: Sendable, Hashable {
    public var uidValidity: UInt32
    public var modSeq: UInt64
    /// The UIDs the client knows, if not all below UIDNEXT.
    public var knownUIDs: UIDSet?

    public init(uidValidity: UInt32, modSeq: UInt64, knownUIDs: UIDSet? = nil) {
        self.uidValidity = uidValidity
        self.modSeq = modSeq
        self.knownUIDs = knownUIDs
    }
}

/// One message of an APPEND or MULTIAPPEND.
public struct AppendMessage: Sendable, Hashable {
    public var flags: [String]
    /// `"26-Nov-2026 18:15:28 +0000"`, or nil for the server's time of arrival.
    public var internalDate: String?
    public var bytes: [UInt8]

    public init(flags: [String] = [], internalDate: String? = nil, bytes: [UInt8]) {
        self.flags = flags
        self.internalDate = internalDate
        self.bytes = bytes
    }
}

/// What NOTIFY asks for.
public struct NotifyRequest: Sendable, Hashable {
    /// Flag changes in the selected mailbox, besides new and expunged messages.
    public var flagChanges: Bool
    /// New and expunged messages in the other mailboxes of the personal namespace.
    public var otherMailboxes: Bool
    /// New and expunged messages in these mailboxes (the MAILBOXES filter), reported as STATUS responses when
    /// they are not the one selected. What a daemon watching a few folders on one connection asks for.
    public var mailboxes: [MailboxName]

    public init(flagChanges: Bool = true, otherMailboxes: Bool = false, mailboxes: [MailboxName] = []) {
        self.flagChanges = flagChanges
        self.otherMailboxes = otherMailboxes
        self.mailboxes = mailboxes
    }
}

public enum StoreOperation: String, Sendable, Hashable {
    case add = "+FLAGS"
    case remove = "-FLAGS"
    case replace = "FLAGS"
}

/// What to FETCH.
public enum FetchItem: Sendable, Hashable {
    case uid, flags, internalDate, rfc822Size, modSeq, envelope
    /// BODY.PEEK[HEADER]: the header without setting \Seen.
    case header
    /// BODY.PEEK[HEADER.FIELDS (…)].
    case headerFields([String])
    /// BODY.PEEK[]: the whole message.
    case body
    /// BINARY.PEEK[section] (RFC 3516).
    case binary(String)
}

/// Search criteria for UID SEARCH (the subset the daemon uses).
public indirect enum SearchKey: Sendable, Hashable {
    case all
    case uids(UIDSet)
    /// Internal date before a day (`"1-Jan-2025"`).
    case before(String)
    case since(String)
    case larger(UInt64)
    case seen, unseen, flagged, deleted
    /// Messages with this keyword (`$Filed`): how a daemon that marks the messages it has filed finds them.
    case keyword(String)
    case header(String, String)
    case modSeqSince(UInt64)
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    case and([SearchKey])
}
