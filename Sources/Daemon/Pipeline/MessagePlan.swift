/// What the daemon does with one message, as its rules decided: written ahead of the actions (see
/// `PendingBatch`), so that after a crash the same plan is replayed, not the rules run again (they may have
/// changed, and `duplicate` would answer differently the second time).
///
/// Flags named by the rules are *added* to the message's own: the message is already in a mailbox, and a flag
/// its owner set (\Seen, \Flagged) is not the rules' to take away.
public struct MessagePlan: Codable, Sendable, Hashable {
    /// A copy or the final place of the message: a mailbox, the flags it gets there, and whether the mailbox
    /// may be created (`fileinto :create`).
    public struct Delivery: Codable, Sendable, Hashable {
        public var mailbox: String
        public var flags: [String]
        public var create: Bool

        public init(mailbox: String, flags: [String] = [], create: Bool = false) {
            self.mailbox = mailbox
            self.flags = flags
            self.create = create
        }
    }

    /// Where the message ends: left in its folder (with flags added), moved, or deleted (an explicit `discard`).
    public enum Disposition: Codable, Sendable, Hashable {
        case keep(flags: [String])
        case move(Delivery)
        case delete
    }

    public var uid: UInt32
    /// What identifies the message apart from its UID: how a copy made before a crash is found again, and
    /// how a rescan after a UIDVALIDITY change recognises mail already filed.
    public var identity: MessageIdentity
    /// The flags the message had when fetched: what a copy's extra flags are taken back to.
    public var originalFlags: [String]
    /// Copies in other mailboxes (`fileinto :copy`, or `fileinto` beside a `keep`), made before the disposition.
    public var copies: [Delivery]
    public var disposition: Disposition
    /// Actions the daemon does not carry out yet (redirect, reject, vacation, notify), each described with the
    /// reason: they are logged, never silently dropped.
    public var notCarriedOut: [String]
    /// The scripts whose rules decided (their paths), for the processing log.
    public var decidedBy: [String]

    public init(
        uid: UInt32, identity: MessageIdentity, originalFlags: [String] = [], copies: [Delivery] = [],
        disposition: Disposition, notCarriedOut: [String] = [], decidedBy: [String] = []
    ) {
        self.uid = uid
        self.identity = identity
        self.originalFlags = originalFlags
        self.copies = copies
        self.disposition = disposition
        self.notCarriedOut = notCarriedOut
        self.decidedBy = decidedBy
    }

    /// True when the plan changes nothing on the server (an implicit keep without flags).
    public var changesNothing: Bool {
        copies.isEmpty && disposition == .keep(flags: [])
    }
}
