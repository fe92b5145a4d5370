import GRDB

extension ArchiveStore {
    /// Messages matching `query`, most recently archived first.
    ///
    /// Ordered by catalogue id (archival order) rather than by relevance: FTS5 walks its index in rowid order
    /// and stops at the limit, so a query over common words stays fast on a million messages.
    public func search(_ query: SearchQuery) throws(ArchiveError) -> [SearchHit] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        var from = "messages m"
        let match = try query.matchExpression()
        if let match {
            from = "message_text t JOIN messages m ON m.id = t.rowid"
            conditions.append("message_text MATCH ?")
            arguments.append(match)
        }
        for (sql, value) in [
            ("m.folder = ?", query.folder as (any DatabaseValueConvertible)?), ("m.account = ?", query.account),
            ("m.date >= ?", query.after), ("m.date < ?", query.before),
        ] where value != nil {
            conditions.append(sql)
            arguments.append(value)
        }
        let order = match == nil ? "m.id DESC" : "t.rowid DESC"
        let sql = """
            SELECT m.id, m.account, m.folder, m.date, m.sender, m.recipients, m.subject, m.size, m.message_id
            FROM \(from) \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ?
            """
        arguments.append(max(0, query.limit))
        return try catalogue.read("search") { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(SearchHit.init(row:))
        }
    }

    /// Every catalogue id, or those matching `query`, block by block (each block read once on export), blocks in
    /// the order they were first written: their ids, which `settle` keeps when it moves a block.
    public func messageIDsInStorageOrder(matching query: SearchQuery? = nil) throws(ArchiveError) -> [Int64] {
        var wanted: Set<Int64>?
        if var query {
            query.limit = Int.max
            wanted = Set(try search(query).map(\.id))
        }
        let ids = try catalogue.read("catalogue scan") { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT m.id FROM messages m JOIN blobs b ON b.id = m.blob_id JOIN blocks k ON k.id = b.block_id
                    ORDER BY k.id, b.position, m.id
                    """)
        }
        guard let wanted else { return ids }
        return ids.filter(wanted.contains)
    }

    /// The catalogue row of one message (for export file names, flags and dates).
    public func hit(_ id: Int64) throws(ArchiveError) -> (hit: SearchHit, flags: [String], internalDate: Int64?) {
        let row = try catalogue.read("catalogue lookup") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, account, folder, date, sender, recipients, subject, size, message_id, flags, internal_date
                    FROM messages WHERE id = ?
                    """, arguments: [id])
        }
        guard let row else { throw .notFound("no message \(id) in the archive") }
        let hit = SearchHit(row: row)
        let flags = (row["flags"] as String).split(separator: " ").map(String.init)
        return (hit, flags, row["internal_date"])
    }
}

extension SearchHit {
    /// From a catalogue row holding the `messages` columns a hit shows.
    init(row: Row) {
        self.init(
            id: row["id"], account: row["account"], folder: row["folder"], date: row["date"], sender: row["sender"],
            recipients: row["recipients"], subject: row["subject"], size: row["size"], messageID: row["message_id"])
    }
}
