/// What a restore did (or, in a dry run, would do) with one archived message.
public struct RestoredMessage: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Appended to the server.
        case restored
        /// A dry run: would be appended.
        case wouldRestore = "would-restore"
        /// Already in the target folder (or restored there by this run already): not appended.
        case skipped
        /// Not restored: the reason says why (a server refusal, a damaged archive copy…).
        case failed
    }

    /// The catalogue id.
    public var id: Int64
    public var archiveFolder: String
    public var subject: String
    public var outcome: Outcome
    /// Why it was skipped or failed.
    public var reason: String?
}

/// What a restore did in one folder of the server.
public struct RestoreFolderReport: Sendable, Hashable, Codable {
    /// The folder on the server, as the server names it.
    public var folder: String
    /// The folder did not exist and was created (in a dry run: would be).
    public var created = false
    /// Something about the whole folder: why nothing could go there.
    public var note: String?
    public var messages: [RestoredMessage] = []

    public init(folder: String) { self.folder = folder }

    public var restored: Int { count(.restored) }
    public var wouldRestore: Int { count(.wouldRestore) }
    public var skipped: Int { count(.skipped) }
    public var failed: Int { count(.failed) }

    private func count(_ outcome: RestoredMessage.Outcome) -> Int { messages.filter { $0.outcome == outcome }.count }
}

/// What a restore of one account did.
public struct RestoreReport: Sendable, Hashable, Codable {
    public var account: String
    public var dryRun: Bool
    public var folders: [RestoreFolderReport] = []
    /// Whether the server took several messages in one APPEND (MULTIAPPEND).
    public var multiAppend = false

    public init(account: String, dryRun: Bool) {
        self.account = account
        self.dryRun = dryRun
    }

    public var restored: Int { folders.reduce(0) { $0 + $1.restored } }
    public var wouldRestore: Int { folders.reduce(0) { $0 + $1.wouldRestore } }
    public var skipped: Int { folders.reduce(0) { $0 + $1.skipped } }
    public var failed: Int { folders.reduce(0) { $0 + $1.failed } }
}
