import IMAPCore

/// What SELECT or EXAMINE told of a mailbox: what the daemon needs to know where it stands (has the mailbox
/// been recreated, are there new messages, what changed since).
public struct SelectedMailbox: Sendable, Hashable {
    public var name: MailboxName
    /// Changes when the mailbox's UIDs no longer mean what they meant (it was recreated): never 0.
    public var uidValidity: UInt32
    /// The UID the next message will get, at least: every message with a UID at or past it is new. Never 0.
    public var uidNext: UInt32
    /// How many messages the mailbox holds.
    public var exists: UInt32
    /// CONDSTORE's highest mod-sequence; nil without CONDSTORE, or with NOMODSEQ (a mailbox that keeps none).
    public var highestModSeq: UInt64?
    /// FLAGS: the flags and keywords in use.
    public var flags: [String]
    /// PERMANENTFLAGS: the ones a STORE keeps (`\*` when new keywords may be made); empty when not sent.
    public var permanentFlags: [String]
    /// EXAMINE, or a SELECT the server answered READ-ONLY: nothing can be stored, moved or expunged.
    public var readOnly: Bool

    public init(
        name: MailboxName, uidValidity: UInt32, uidNext: UInt32, exists: UInt32, highestModSeq: UInt64? = nil,
        flags: [String] = [], permanentFlags: [String] = [], readOnly: Bool = false
    ) {
        self.name = name
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.exists = exists
        self.highestModSeq = highestModSeq
        self.flags = flags
        self.permanentFlags = permanentFlags
        self.readOnly = readOnly
    }

    /// The mailbox a SELECT or EXAMINE answer describes. UIDVALIDITY, UIDNEXT and EXISTS are required (RFC 3501
    /// and 9051 say a server MUST send them): without them the daemon cannot tell new mail from old, so their
    /// absence, or a 0 where the grammar wants a non-zero number, is a protocol violation, not a guess.
    init(_ name: MailboxName, _ completion: CommandCompletion, examined: Bool) throws {
        var uidValidity: UInt32?
        var uidNext: UInt32?
        var exists: UInt32?
        var highestModSeq: UInt64?
        var noModSeq = false
        var flags: [String] = []
        var permanentFlags: [String] = []
        var codes = completion.untagged.compactMap { data -> ResponseCode? in
            if case .state(let state) = data { return state.code }
            if case .exists(let count) = data { exists = count }
            if case .flags(let names) = data { flags = names }
            return nil
        }
        if let code = completion.state.code { codes.append(code) }
        var readOnly = examined
        for code in codes {
            switch code {
            case .uidValidity(let value): uidValidity = value
            case .uidNext(let value): uidNext = value
            case .highestModSeq(let value): highestModSeq = value
            case .noModSeq: noModSeq = true
            case .permanentFlags(let names): permanentFlags = names
            case .readOnly: readOnly = true
            default: break
            }
        }
        let command = examined ? "EXAMINE" : "SELECT"
        func missing(_ what: String) -> IMAPClientError {
            IMAPClientError.protocolViolation("the answer to \(command) \(name) has \(what)")
        }
        guard let uidValidity else { throw missing("no UIDVALIDITY") }
        guard uidValidity != 0 else { throw missing("UIDVALIDITY 0") }
        guard let uidNext else { throw missing("no UIDNEXT") }
        guard uidNext != 0 else { throw missing("UIDNEXT 0") }
        guard let exists else { throw missing("no EXISTS") }
        self.init(
            name: name, uidValidity: uidValidity, uidNext: uidNext, exists: exists,
            highestModSeq: noModSeq ? nil : highestModSeq, flags: flags, permanentFlags: permanentFlags,
            readOnly: readOnly)
    }
}
