/// What an archive run did in one folder.
public struct FolderRunReport: Sendable, Hashable, Codable {
    public var folder: String
    /// Messages the plan moved.
    public var planned = 0
    /// Newly stored in the archive by this run.
    public var archived = 0
    /// Found in the archive already (a run stopped before its expunge, or a server without UIDPLUS): not stored
    /// again.
    public var alreadyArchived = 0
    /// Deleted from the server (UID STORE \Deleted + UID EXPUNGE) after their copies were checked.
    public var expunged = 0
    /// Archived and checked, but left on the server: no UIDPLUS, or the folder is read-only.
    public var leftOnServer = 0
    /// Gone from the server between the plan and the run (another client deleted or moved them).
    public var vanished = 0
    /// Too large to fetch or to archive: left on the server.
    public var tooLarge = 0
    /// The copy read back from the archive differed from the server's bytes: left on the server.
    public var mismatched = 0
    /// Why the folder was not run at all, or something an administrator should know.
    public var note: String?
    /// Where the time went (fetch and store overlap): seconds spent fetching from the server, and seconds the run
    /// then still waited for the store to finish the batch before. The larger sets the pace.
    public var fetchSeconds = 0.0
    public var storeWaitSeconds = 0.0

    public init(folder: String) { self.folder = folder }
}

/// What an archive run of one account did.
public struct AccountRunReport: Sendable, Hashable, Codable {
    public var account: String
    public var folders: [FolderRunReport] = []
    public var quotaBefore: QuotaUse?
    public var quotaAfter: QuotaUse?
    /// Whether the server offers UIDPLUS (UID EXPUNGE): without it nothing is expunged.
    public var hasUIDPLUS = true
    /// Messages marked \Deleted by an earlier run stopped before its expunge, found archived and expunged now.
    public var resumed = 0
    public var dryRun = false
    /// Messages whose text went into the search index at the end of the run, and the seconds it took.
    public var textIndexed = 0
    public var textIndexSeconds = 0.0
    /// Why the text could not be indexed at the end (the disk full, say): the mail is archived all the same,
    /// and the next run or `settle` indexes what waits.
    public var textIndexProblem: String?

    public init(account: String) { self.account = account }

    public var archived: Int { folders.reduce(0) { $0 + $1.archived } }
    public var expunged: Int { folders.reduce(0) { $0 + $1.expunged } }
    public var leftOnServer: Int { folders.reduce(0) { $0 + $1.leftOnServer } }
}
