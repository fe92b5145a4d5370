/// Untagged data (`* …`).
public enum UntaggedResponse: Sendable, Hashable {
    /// `* OK/NO/BAD …` (the greeting is `* OK`).
    case state(ResponseState)
    /// `* PREAUTH …`: a greeting that needs no login.
    case preauth(ResponseState)
    /// `* BYE …`: the server is closing the connection.
    case bye(ResponseState)
    case capability([String])
    case enabled([String])
    case flags([String])
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    /// QRESYNC: UIDs gone from the mailbox; `earlier` when they were expunged before this command.
    case vanished(earlier: Bool, uids: UIDSet)
    case fetch(sequence: UInt32, attributes: [FetchAttribute])
    case list(MailboxListEntry)
    case lsub(MailboxListEntry)
    /// STATUS items by upper-case name (MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, SIZE, HIGHESTMODSEQ…).
    case status(mailbox: MailboxName, items: [String: UInt64])
    case search([UInt32], modSeq: UInt64?)
    case esearch(ExtendedSearchResult)
    case quota(root: String, resources: [QuotaResource])
    case quotaRoot(mailbox: MailboxName, roots: [String])
    case namespace(Namespaces)
    /// RFC 2971: the server's identification, nil for NIL.
    case id([String: String]?)
}

extension UntaggedResponse {
    /// EXISTS, RECENT, EXPUNGE, and VANISHED without EARLIER: the selected mailbox changed. STATUS too: with
    /// NOTIFY it says another mailbox changed, and one that comes beside another command's answer must reach
    /// the watcher as well (an answer to STATUS is then an event too, which a watcher only looks at).
    public var reportsMailboxChange: Bool {
        switch self {
        case .exists, .recent, .expunge, .status: return true
        case .vanished(let earlier, _): return !earlier
        default: return false
        }
    }
}

/// One mailbox of a LIST or LSUB response.
public struct MailboxListEntry: Sendable, Hashable {
    /// Attributes as sent (`\HasNoChildren`, `\Sent`, `\Junk`…).
    public var attributes: [String]
    /// The hierarchy delimiter, nil for a flat namespace.
    public var delimiter: UInt8?
    public var name: MailboxName
    /// LIST-EXTENDED CHILDINFO (`SUBSCRIBED`…), empty when absent.
    public var childInfo: [String]

    /// Whether the entry has this attribute, compared without case as RFC 3501 says: Cyrus sends `\junk`
    /// where Dovecot sends `\Junk`.
    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains { $0.lowercased() == name.lowercased() }
    }
}

/// RFC 4731 / 9051 ESEARCH.
public struct ExtendedSearchResult: Sendable, Hashable {
    public var tag: String?
    public var isUID = false
    public var min: UInt32?
    public var max: UInt32?
    public var count: UInt32?
    public var all: UIDSet?
    public var modSeq: UInt64?
}

/// One resource of a QUOTA response (RFC 9208): STORAGE is in units of 1024 octets.
public struct QuotaResource: Sendable, Hashable {
    public var name: String
    public var usage: UInt64
    public var limit: UInt64
}

/// RFC 2342 NAMESPACE: personal, other users', shared; each a list of prefix and delimiter.
public struct Namespaces: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var prefix: MailboxName
        public var delimiter: UInt8?
    }
    public var personal: [Entry]
    public var otherUsers: [Entry]
    public var shared: [Entry]
}
