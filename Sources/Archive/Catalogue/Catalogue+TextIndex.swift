import GRDB

extension Catalogue {
    /// Messages whose text waits to be indexed, by catalogue id from `after` on (archival order, which is
    /// nearly block order: a batch's messages are read with one decompression per block): those not tried yet, or
    /// (`unreadable`) those found unreadable before. Needs a catalogue opened for writing (migrated to v5).
    func pendingText(after: Int64, limit: Int, unreadable: Bool = false) throws(ArchiveError) -> [Int64] {
        try read("reading the messages waiting for the text index") { db in
            guard try db.tableExists("text_pending") else { return [] }
            return try Int64.fetchAll(
                db, sql: "SELECT id FROM text_pending WHERE unreadable = ? AND id > ? ORDER BY unreadable, id LIMIT ?",
                arguments: [unreadable, after, limit])
        }
    }

    /// How many messages wait for the text index (0 for a catalogue written before text could wait); with
    /// `untriedOnly`, only those not found unreadable yet (a catalogue opened for writing).
    func pendingTextCount(untriedOnly: Bool = false) throws(ArchiveError) -> Int {
        try read("counting the messages waiting for the text index") { db in
            guard try db.tableExists("text_pending") else { return 0 }
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM text_pending" + (untriedOnly ? " WHERE unreadable = 0" : "")) ?? 0
        }
    }

    /// Indexes the text of these messages and takes them off the waiting list, in one transaction: a crash
    /// leaves each either indexed and off the list, or waiting — never indexed twice. `unreadable` ones stay on
    /// the list, marked so that a run with a time limit does not try them again first.
    func indexText(
        _ entries: [(id: Int64, summary: MessageSummary)], unreadable: [Int64] = [], fault: () -> Void = {}
    ) throws(ArchiveError) {
        do {
            try pool.write { db in
                for id in unreadable {
                    try db.cachedStatement(sql: "UPDATE text_pending SET unreadable = 1 WHERE id = ?").execute(
                        arguments: [id])
                }
                for (id, summary) in entries {
                    // Gone from the list meanwhile (another writer indexed it): not indexed a second time.
                    try db.cachedStatement(sql: "DELETE FROM text_pending WHERE id = ?").execute(arguments: [id])
                    guard db.changesCount == 1 else { continue }
                    try Self.insertText(id: id, summary, body: summary.bodyText ?? "", in: db)
                }
                fault()
            }
        } catch {
            throw Self.wrap(error, "cannot record the text index in \(path)")
        }
    }
}
