/// The commands the daemon sends, as values. `CommandEncoder` turns them into bytes.
public enum Command: Sendable, Hashable {
    case capability
    case noop
    case logout
    case startTLS
    case login(user: String, password: String)
    /// AUTHENTICATE PLAIN with an initial response (SASL-IR): `authorizationID` acts as another user (Dovecot
    /// master users), empty to act as oneself.
    case authenticatePlain(authorizationID: String, user: String, password: String)
    /// AUTHENTICATE XOAUTH2 (Google, Microsoft) with a bearer token from the caller.
    case authenticateXOAuth2(user: String, token: String)
    /// AUTHENTICATE OAUTHBEARER (RFC 7628).
    case authenticateOAuthBearer(user: String, host: String, port: Int, token: String)
    case enable([String])
    case select(MailboxName, condStore: Bool)
    case examine(MailboxName, condStore: Bool)
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
    case header(String, String)
    case modSeqSince(UInt64)
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    case and([SearchKey])
}
