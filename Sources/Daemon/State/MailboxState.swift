import GRDB

/// Where filing of one folder stands: every UID up to `lastUID` (under `uidValidity`) is done.
public struct MailboxState: Sendable, Hashable {
    public var uidValidity: UInt32
    public var lastUID: UInt32
    public var highestModSeq: UInt64?
    /// After a UIDVALIDITY change, the messages up to this UID are looked up in the processing log before they
    /// are filed: those already filed under the old UIDs are left alone (0: no rescan under way).
    public var rescanThrough: UInt32
    /// During a rescan, messages that arrived (INTERNALDATE) at or before this time (seconds since 1970) were
    /// there when the daemon last looked at the folder under its old UIDVALIDITY: filed then, or older than the
    /// first start. They are left alone.
    public var rescanSince: Int64
    /// When this state was last written (seconds since 1970); read only.
    public var updatedAt: Int64 = 0

    public init(
        uidValidity: UInt32, lastUID: UInt32, highestModSeq: UInt64? = nil, rescanThrough: UInt32 = 0,
        rescanSince: Int64 = 0
    ) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
        self.highestModSeq = highestModSeq
        self.rescanThrough = rescanThrough
        self.rescanSince = rescanSince
    }

    public static func == (a: MailboxState, b: MailboxState) -> Bool {
        a.uidValidity == b.uidValidity && a.lastUID == b.lastUID && a.highestModSeq == b.highestModSeq
            && a.rescanThrough == b.rescanThrough && a.rescanSince == b.rescanSince
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(uidValidity)
        hasher.combine(lastUID)
    }
}

extension StateStore {
    /// The folder's state, or nil if the daemon never filed in it (its first start).
    public func mailboxState(account: String, folder: String) throws(DaemonError) -> MailboxState? {
        try read("reading the state of \(account)/\(folder)") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT uid_validity, last_uid, highest_modseq, rescan_through, rescan_since, updated_at
                    FROM mailbox_state
                    WHERE account = ? AND folder = ?
                    """,
                arguments: [account, folder]
            ).map { row in
                var state = MailboxState(
                    uidValidity: UInt32(truncatingIfNeeded: row[0] as Int64),
                    lastUID: UInt32(truncatingIfNeeded: row[1] as Int64),
                    highestModSeq: (row[2] as Int64?).map { UInt64(bitPattern: $0) },
                    rescanThrough: UInt32(truncatingIfNeeded: row[3] as Int64), rescanSince: row[4])
                state.updatedAt = row[5]
                return state
            }
        }
    }

    /// Records where the folder stands, with no batch in flight (a first start, or a rescan's starting point).
    public func setMailboxState(_ state: MailboxState, account: String, folder: String) throws(DaemonError) {
        try write("recording the state of \(account)/\(folder)") { db in
            try Self.upsert(state, account: account, folder: folder, db)
        }
    }

    static func upsert(_ state: MailboxState, account: String, folder: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO mailbox_state
                    (account, folder, uid_validity, last_uid, highest_modseq, rescan_through, rescan_since, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, folder) DO UPDATE SET uid_validity = excluded.uid_validity,
                    last_uid = excluded.last_uid, highest_modseq = excluded.highest_modseq,
                    rescan_through = excluded.rescan_through, rescan_since = excluded.rescan_since,
                    updated_at = excluded.updated_at
                """,
            arguments: [
                account, folder, Int64(state.uidValidity), Int64(state.lastUID),
                state.highestModSeq.map { Int64(bitPattern: $0) }, Int64(state.rescanThrough), state.rescanSince, now,
            ])
    }
}
