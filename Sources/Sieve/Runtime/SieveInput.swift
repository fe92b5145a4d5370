import MailMessage

/// What one run of a script reads: the message, its envelope, and the mail store (through a closure the
/// daemon supplies, so the interpreter never touches the network).
public struct SieveInput: Sendable {
    public var message: Message
    /// The SMTP envelope: MAIL FROM (nil for the null sender `<>`) and the recipient.
    public var envelopeFrom: String?
    public var envelopeTo: String?
    /// Whether a mailbox exists (for `mailboxexists` and `fileinto :create`).
    public var mailboxExists: @Sendable (String) -> Bool
    /// The separator of RFC 5233 subaddresses (`user+detail`).
    public var subaddressSeparator: Character
    /// Where spamtest and virustest read their status.
    public var spam: SpamSettings
    /// The site's own domains (vnd.mailsift.site).
    public var site: SiteSettings
    /// Scores added by scripts that ran before this one on the same message (the administrator's).
    public var scoreSoFar: [ScoreHit]
    /// Whether a message with this duplicate key was seen (and recorded) before, within its period.
    public var seenBefore: @Sendable (DuplicateKey) -> Bool
    /// The time the script runs, for `currentdate` (seconds since 1970).
    public var now: Int64
    /// The local zone's offset from UTC at an instant, in seconds (the server's time zone; UTC by default).
    public var localZoneOffset: @Sendable (Int64) -> Int
    /// The size of the whole message as the server gave it (RFC822.SIZE), when `message` holds only part of it
    /// (a headers-only fetch); nil when `message` is the whole message.
    public var messageSize: Int?

    public init(
        message: Message, envelopeFrom: String? = nil, envelopeTo: String? = nil,
        mailboxExists: @escaping @Sendable (String) -> Bool = { $0.uppercased() == "INBOX" },
        subaddressSeparator: Character = "+", spam: SpamSettings = .default, site: SiteSettings = .default,
        scoreSoFar: [ScoreHit] = [],
        now: Int64 = 0, localZoneOffset: @escaping @Sendable (Int64) -> Int = { _ in 0 },
        seenBefore: @escaping @Sendable (DuplicateKey) -> Bool = { _ in false }, messageSize: Int? = nil
    ) {
        self.messageSize = messageSize
        self.seenBefore = seenBefore
        self.now = now
        self.localZoneOffset = localZoneOffset
        self.spam = spam
        self.site = site
        self.scoreSoFar = scoreSoFar
        self.message = message
        self.envelopeFrom = envelopeFrom
        self.envelopeTo = envelopeTo
        self.mailboxExists = mailboxExists
        self.subaddressSeparator = subaddressSeparator
    }

    /// The message size the `size` test compares: the server's size of the whole message when only part of it
    /// was fetched, else the bytes of `message`. Without `messageSize`, a headers-only fetch would make
    /// `size :over 100K` false for every message.
    public var size: Int { messageSize ?? message.bytes.count }
}

/// What `duplicate` looks up and, once the message is delivered, the daemon records (RFC 7352).
public struct DuplicateKey: Sendable, Hashable {
    public var id: String
    /// The `:handle`, so different rules keep separate records.
    public var handle: String
    /// How long the record counts, in seconds.
    public var seconds: UInt64
    /// `:last`: the period restarts at every occurrence.
    public var last: Bool

    public init(id: String, handle: String, seconds: UInt64, last: Bool) {
        self.id = id
        self.handle = handle
        self.seconds = seconds
        self.last = last
    }
}

/// One `SieveInput` held by reference: what the interpreters of a sequence's scripts share.
final class SharedInput: Sendable {
    let input: SieveInput

    init(_ input: SieveInput) {
        self.input = input
    }
}
