/// An action a script asked for, as the daemon will carry it out.
public enum SieveAction: Sendable, Hashable {
    /// Store in the default mailbox (explicit `keep`, or `fileinto "INBOX"`).
    case keep(flags: [String])
    case fileinto(mailbox: String, flags: [String], copy: Bool, create: Bool)
    case redirect(address: String, copy: Bool)
    case discard
    case reject(reason: String, extended: Bool)
    /// An automatic reply (RFC 5230), at most one per `seconds` to the same sender.
    case vacation(VacationReply)
    /// A notification (RFC 5435) by the mailto method (RFC 5436).
    case notify(Notification)
}

/// A notification as the daemon will send it once mail submission exists.
public struct Notification: Sendable, Hashable {
    public var method: String
    public var from: String?
    public var importance: String
    public var options: [String]
    /// `To: …`, `Cc: …` lines from the URI.
    public var recipients: [String]
    /// `:message`, else the URI's subject.
    public var subject: String?
    public var body: String?
    public var headers: [String]
}

/// A vacation reply as the daemon will send it once mail submission exists.
public struct VacationReply: Sendable, Hashable {
    public var seconds: UInt64
    public var subject: String?
    public var from: String?
    public var addresses: [String]
    public var mime: Bool
    /// Only when the script gave `:handle`.
    public var handle: String?
    public var reason: String
}

/// The result of running a script on one message.
public struct SieveOutcome: Sendable, Hashable {
    /// The actions in Pigeonhole's result order (first occurrence of each, duplicates merged).
    public var actions: [SieveAction]
    /// The flags of the implicit keep, or nil when something cancelled it.
    public var implicitKeep: [String]?
    /// Set when the run failed (limits, conflicts, the step budget): then `actions` is empty and the daemon
    /// must fall back to the implicit keep, so no mail is lost.
    public var runtimeError: String?
    /// The duplicate keys to record once the message has been delivered.
    public var duplicateMarks: [DuplicateKey] = []
    /// Every score added, by this run and the ones before it on the same message.
    public var scoreHits: [ScoreHit] = []
    /// Whether the script ended with `stop`.
    public var stopped = false

    /// The total spam score, or nil when no script added any.
    public var score: Double? { scoreHits.isEmpty ? nil : scoreHits.reduce(0) { $0 + $1.points } }
}

/// One `addscore`: which rule, how much.
public struct ScoreHit: Sendable, Hashable {
    public var name: String
    public var points: Double

    public init(name: String, points: Double) {
        self.name = name
        self.points = points
    }
}
