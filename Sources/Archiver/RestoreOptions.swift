import NIOPosix

/// How `mailsift archive restore` works, beyond its query.
public struct RestoreOptions: Sendable {
    /// The folder every message goes to, its levels separated by `/` as in the configuration (the server's own
    /// separator is put in their place); nil: each message goes back to the folder it was archived from.
    public var toFolder: String?
    /// Say what would be restored and what skipped; change nothing (folders are only EXAMINEd, bodies fetched
    /// with BODY.PEEK, nothing created or appended).
    public var dryRun = false
    /// Messages in one MULTIAPPEND (or one batch of APPENDs), at most.
    public var batchMessages = 100
    /// Bytes of messages read from the archive, held and appended together, at most (one larger message goes
    /// alone). Also the budget of the fetches that look for copies already on the server.
    public var batchBytes = 8 << 20
    /// Reading the archive and SHA-256 run here, never on the cooperative pool that runs the IMAP timers.
    public var work: NIOThreadPool = .singleton

    /// Messages one restore takes, at most: the list of what it restores (a few hundred bytes a message) is held
    /// in memory, as is its report. A larger query is refused, naming this bound.
    public static let maxMessages = 250_000

    public init(toFolder: String? = nil, dryRun: Bool = false) {
        self.toFolder = toFolder
        self.dryRun = dryRun
    }
}
