import GRDB

extension StateStore {
    static func insert(
        _ record: ProcessingRecord, account: String, folder: String, uidValidity: UInt32, time: Int64, _ db: Database
    ) throws {
        // A cached statement: a batch inserts thousands of lines, and compiling the SQL each time was most of it.
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO processing_log (time, account, folder, uid_validity, uid, message_id, fingerprint, actions, rules)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(
            arguments: [
                time, account, folder, Int64(uidValidity), Int64(record.uid), record.identity.messageID,
                record.identity.fingerprint, record.actions, record.rules.joined(separator: "\n"),
            ])
    }

    static func recordDelivery(_ fingerprint: String, account: String, folder: String, _ db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO delivered (account, folder, fingerprint, time) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [account, folder, fingerprint, now])
    }

    /// Which of `fingerprints` the daemon itself put into `folder` (copied or moved there). One read for a
    /// whole batch: a read per message was about a twentieth of a sort's CPU time (10,000 messages).
    public func delivered(_ fingerprints: [String], account: String, folder: String) throws(DaemonError) -> Set<String>
    {
        try matching(
            fingerprints, "SELECT 1 FROM delivered WHERE account = ? AND folder = ? AND fingerprint = ?",
            account: account, folder: folder, what: "reading the deliveries")
    }

    /// When the daemon last put the message with `fingerprint` into `folder` (seconds since 1970), if it did.
    public func deliveryTime(_ fingerprint: String, account: String, folder: String) throws(DaemonError) -> Int64? {
        try read("reading the deliveries") { db in
            try Int64.fetchOne(
                db, sql: "SELECT time FROM delivered WHERE account = ? AND folder = ? AND fingerprint = ?",
                arguments: [account, folder, fingerprint])
        }
    }

    /// Which of `fingerprints` were filed from the folder before (kept in the log): a rescan after a UIDVALIDITY
    /// change leaves those messages alone.
    public func filed(_ fingerprints: [String], account: String, folder: String) throws(DaemonError) -> Set<String> {
        try matching(
            fingerprints,
            "SELECT 1 FROM processing_log WHERE account = ? AND folder = ? AND fingerprint = ? LIMIT 1",
            account: account, folder: folder, what: "reading the processing log")
    }

    private func matching(_ fingerprints: [String], _ sql: String, account: String, folder: String, what: String)
        throws(DaemonError) -> Set<String>
    {
        guard !fingerprints.isEmpty else { return [] }
        return try read(what) { db in
            let statement = try db.cachedStatement(sql: sql)
            var found: Set<String> = []
            for fingerprint in Set(fingerprints)
            where try Bool.fetchOne(statement, arguments: [account, folder, fingerprint]) == true {
                found.insert(fingerprint)
            }
            return found
        }
    }

    /// How many messages were filed since `time` (seconds since 1970), for an account or all.
    public func filedCount(since time: Int64, account: String? = nil) throws(DaemonError) -> Int {
        try read("counting filed messages") { db in
            if let account {
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM processing_log WHERE time >= ? AND account = ?",
                    arguments: [time, account]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM processing_log WHERE time >= ?", arguments: [time])
                ?? 0
        }
    }

    /// Removes log lines older than `days`; returns how many went.
    @discardableResult
    public func pruneLog(olderThanDays days: Int) throws(DaemonError) -> Int {
        try write("pruning the processing log") { db in
            let before = Self.now - Int64(days) * 86_400
            try db.execute(sql: "DELETE FROM delivered WHERE time < ?", arguments: [before])
            try db.execute(sql: "DELETE FROM processing_log WHERE time < ?", arguments: [before])
            return db.changesCount
        }
    }
}
