import GRDB

/// The last archive run of an account, as status shows it: when and why it ran, how it ended, what moved, the
/// quota before and after, and the account's archive on disk once it was done.
public struct ArchiveRunRecord: Codable, Sendable, Hashable {
    /// What started a run.
    public enum Trigger: String, Codable, Sendable, Hashable {
        /// The daemon's `schedule`.
        case schedule
        /// The daemon saw the account's quota use past `quota_start_percent`.
        case quota
        /// `mailsift archive run`.
        case command
    }

    public var account: String
    /// Seconds since 1970.
    public var startedAt: Int64
    public var finishedAt: Int64
    public var trigger: Trigger
    /// "ok", or what failed, in words.
    public var outcome: String
    public var archived: Int
    public var expunged: Int
    /// Archived and checked, but still on the server (no UIDPLUS, a read-only folder, …).
    public var leftOnServer: Int
    /// Whether the server lacked UIDPLUS, so that nothing could be expunged.
    public var withoutUIDPLUS: Bool
    public var quotaBeforePercent: Double?
    public var quotaAfterPercent: Double?
    /// The archive store once the run was done: bytes on disk, messages, and their size before compression.
    public var storeBytes: Int64?
    public var storeMessages: Int64?
    public var storeRawBytes: Int64?

    public init(account: String, startedAt: Int64, finishedAt: Int64, trigger: Trigger, outcome: String) {
        self.account = account
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.trigger = trigger
        self.outcome = outcome
        archived = 0
        expunged = 0
        leftOnServer = 0
        withoutUIDPLUS = false
    }

    public var succeeded: Bool { outcome == "ok" }
}

extension StateStore {
    /// Keeps `record` as the account's last archive run (the one before is replaced).
    public func recordArchiveRun(_ record: ArchiveRunRecord) throws(DaemonError) {
        try write("recording the archive run of \(record.account)") { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO archive_run (account, started_at, finished_at, trigger, outcome, archived,
                        expunged, left_on_server, without_uidplus, quota_before_percent, quota_after_percent,
                        store_bytes, store_messages, store_raw_bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.account, record.startedAt, record.finishedAt, record.trigger.rawValue, record.outcome,
                    record.archived, record.expunged, record.leftOnServer, record.withoutUIDPLUS,
                    record.quotaBeforePercent, record.quotaAfterPercent, record.storeBytes, record.storeMessages,
                    record.storeRawBytes,
                ])
        }
    }

    /// The account's last archive run, if it ever had one.
    public func lastArchiveRun(account: String) throws(DaemonError) -> ArchiveRunRecord? {
        try read("reading the archive run of \(account)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM archive_run WHERE account = ?", arguments: [account])
                .map(Self.archiveRun)
        }
    }

    static func archiveRun(_ row: Row) -> ArchiveRunRecord {
        var record = ArchiveRunRecord(
            account: row["account"], startedAt: row["started_at"], finishedAt: row["finished_at"],
            trigger: ArchiveRunRecord.Trigger(rawValue: row["trigger"]) ?? .command, outcome: row["outcome"])
        record.archived = row["archived"]
        record.expunged = row["expunged"]
        record.leftOnServer = row["left_on_server"]
        record.withoutUIDPLUS = row["without_uidplus"]
        record.quotaBeforePercent = row["quota_before_percent"]
        record.quotaAfterPercent = row["quota_after_percent"]
        record.storeBytes = row["store_bytes"]
        record.storeMessages = row["store_messages"]
        record.storeRawBytes = row["store_raw_bytes"]
        return record
    }

    /// The STORAGE use of every account whose last recorded quota passes `percent` of its limit: what the
    /// archive schedule looks at between its runs.
    public func accountsOverQuota(percent: (String) -> Int?) throws(DaemonError) -> [String: Double] {
        try read("reading the quotas") { db in
            var over: [String: Double] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT account, usage, quota_limit FROM quota WHERE resource = 'STORAGE' AND quota_limit > 0")
            for row in rows {
                let account: String = row[0]
                let usage: Int64 = row[1]
                let limit: Int64 = row[2]
                let used = Double(usage) / Double(limit) * 100
                if let start = percent(account), used >= Double(start) { over[account] = used }
            }
            return over
        }
    }
}
