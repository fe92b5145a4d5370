import Foundation
import GRDB

/// The SQLite catalogue of a store (`catalogue.sqlite`, WAL, synchronous=FULL): the only record of what is
/// archived. A block on disk that the catalogue does not name was never acknowledged.
final class Catalogue: Sendable {
    let pool: DatabasePool
    let path: String

    init(path: String, readOnly: Bool) throws(ArchiveError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in
            // FULL: a commit is on disk when it returns, which the store's acknowledgement relies on.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            try Self.refuseForeignDatabase(path)
            pool = try DatabasePool(path: path, configuration: configuration)
            if !readOnly { try CatalogueSchema.migrator.migrate(pool) }
        } catch {
            throw Self.wrap(error, "cannot open the catalogue \(path)", catalogue: path)
        }
    }

    /// Another program's database in the catalogue's place is neither given our tables nor switched to WAL: it is
    /// looked at through a read-only connection first, and refused. A look that fails for another reason (a log
    /// a read-only connection cannot recover) decides nothing: the real open reports what it finds.
    private static func refuseForeignDatabase(_ path: String) throws {
        guard ArchiveStore.fileSize(path) > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        let tables: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw error
        } catch {
            return
        }
        if !tables.isEmpty && !tables.contains("blocks") {
            throw ArchiveError.outOfStep(
                "\(path) is a SQLite database but not an archive catalogue (its tables: "
                    + tables.prefix(5).joined(separator: ", ") + "). Nothing was changed. " + rebuildAdvice(path))
        }
    }

    /// What to run when the catalogue at `path` cannot be used: it is rebuilt from the segments, and the file
    /// in its place kept beside it.
    static func rebuildAdvice(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return "Rebuild the catalogue from the segments (the file now in its place is kept as"
            + " catalogue.sqlite.bak-<time>): mailsift archive rebuild-catalogue --archive \(directory)"
    }

    /// SQLite's errors as archive errors; a full disk stays recognisable.
    /// `catalogue`: the catalogue's path, when the error is about reading it; a file that is not a database, or a
    /// damaged one, then says how to rebuild it.
    static func wrap(_ error: any Error, _ what: String, catalogue: String? = nil) -> ArchiveError {
        if let archiveError = error as? ArchiveError { return archiveError }
        if let databaseError = error as? DatabaseError {
            if databaseError.resultCode == .SQLITE_FULL { return .io(what, errno: ENOSPC) }
            let unreadable = [ResultCode.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(databaseError.resultCode)
            if let catalogue, unreadable {
                return .outOfStep(
                    "\(what): \(databaseError.message ?? "\(databaseError.resultCode)") (the catalogue is damaged,"
                        + " or another file was put in its place). " + rebuildAdvice(catalogue))
            }
            return .catalogue("\(what): \(databaseError.message ?? "\(databaseError.resultCode)")")
        }
        return .catalogue("\(what): \(error)")
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(ArchiveError) -> T {
        do { return try pool.read(body) } catch { throw Self.wrap(error, what, catalogue: path) }
    }

    /// The stored blob with this content, if any.
    func blobID(sha256: Data) throws(ArchiveError) -> Int64? {
        try read("catalogue lookup") { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM blobs WHERE sha256 = ?", arguments: [sha256])
        }
    }

    /// The message row for this content in this account and folder, if it is already archived there.
    func messageID(blobID: Int64, account: String, folder: String) throws(ArchiveError) -> Int64? {
        try read("catalogue lookup") { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM messages WHERE blob_id = ? AND account = ? AND folder = ?",
                arguments: [blobID, account, folder])
        }
    }

    /// For each segment, where its last catalogued block ends.
    func segmentEnds() throws(ArchiveError) -> [Int: Int] {
        try read("catalogue lookup") { db in
            var ends: [Int: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT segment, MAX(offset + stored_length) AS end FROM blocks GROUP BY segment")
            {
                ends[row["segment"]] = row["end"]
            }
            return ends
        }
    }

    /// For each segment, its last catalogued block: where it starts and how long it is.
    func lastBlocks() throws(ArchiveError) -> [Int: (offset: Int, storedLength: Int)] {
        try read("catalogue lookup") { db in
            var last: [Int: (offset: Int, storedLength: Int)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT segment, offset, stored_length FROM blocks k
                    WHERE offset = (SELECT MAX(offset) FROM blocks WHERE segment = k.segment)
                    """)
            {
                last[row["segment"]] = (row["offset"], row["stored_length"])
            }
            return last
        }
    }

    /// Blocks written (or being written) but not recorded: empty unless a writer crashed or failed mid-write.
    func pendingBlocks() throws(ArchiveError) -> Set<PendingBlock> {
        try read("catalogue lookup") { db in
            // A catalogue written before v2 and opened read-only has no such table, and nothing pending.
            guard try db.tableExists("pending_blocks") else { return [] }
            return Set(
                try Row.fetchAll(db, sql: "SELECT segment, offset, stored_length, payload_crc FROM pending_blocks")
                    .map {
                        PendingBlock(
                            segment: $0["segment"], offset: $0["offset"], storedLength: $0["stored_length"],
                            payloadCRC: UInt32(truncatingIfNeeded: $0["payload_crc"] as Int64))
                    })
        }
    }

    /// Records, durably, that `block` is about to be written: only then may its bytes reach a segment.
    func recordPending(_ block: PendingBlock) throws(ArchiveError) {
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO pending_blocks (segment, offset, stored_length, payload_crc)
                        VALUES (?, ?, ?, ?)
                        """,
                    arguments: [block.segment, block.offset, block.storedLength, Int64(block.payloadCRC)])
            }
        } catch {
            throw Self.wrap(error, "cannot record a block being written in \(path)")
        }
    }

    /// Forgets pending blocks once their bytes are cut.
    func clearPending() throws(ArchiveError) {
        do {
            try pool.write { db in try db.execute(sql: "DELETE FROM pending_blocks") }
        } catch {
            throw Self.wrap(error, "cannot update \(path)")
        }
    }

    /// Records blocks, blobs and messages in one transaction; returns the new message ids in order. The pending
    /// list is cleared with it: its blocks are recorded now, or were cut back after a failed write.
    func commit(blocks: [NewBlock], messages: [NewMessage], archivedAt: Int64) throws(ArchiveError) -> [Int64] {
        do {
            return try pool.write { db in
                try db.execute(sql: "DELETE FROM pending_blocks")
                var blobIDs: [Int64] = []
                for block in blocks {
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO blocks (segment, offset, stored_length, raw_length, message_count, level)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """
                    ).execute(
                        arguments: [
                            block.segment, block.offset, block.storedLength, block.rawLength,
                            block.messageCount ?? block.blobs.count, block.level,
                        ])
                    let blockID = db.lastInsertedRowID
                    for (position, blob) in block.blobs.enumerated() {
                        if let replaced = blob.replacing {
                            try db.cachedStatement(sql: "UPDATE blobs SET block_id = ?, position = ? WHERE id = ?")
                                .execute(arguments: [blockID, position, replaced])
                            blobIDs.append(replaced)
                            continue
                        }
                        try db.cachedStatement(
                            sql: "INSERT INTO blobs (sha256, block_id, position, size) VALUES (?, ?, ?, ?)"
                        ).execute(arguments: [blob.sha256, blockID, blob.position ?? position, blob.size])
                        blobIDs.append(db.lastInsertedRowID)
                    }
                }
                var ids: [Int64] = []
                for message in messages {
                    let blobID: Int64
                    switch message.content {
                    case .existingBlob(let id): blobID = id
                    case .newBlob(let index): blobID = blobIDs[index]
                    }
                    ids.append(try Self.insert(message, blobID: blobID, archivedAt: archivedAt, in: db))
                }
                return ids
            }
        } catch {
            throw Self.wrap(error, "cannot record archived messages in \(path)")
        }
    }

    private static func insert(_ message: NewMessage, blobID: Int64, archivedAt: Int64, in db: Database) throws -> Int64
    {
        let origin = message.origin
        let summary = message.summary
        // Statements prepared once per connection: a commit inserts hundreds of rows.
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (blob_id, account, folder, uid, uid_validity, source, message_id, date,
                    internal_date, sender, recipients, subject, size, flags, archived_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                blobID, origin.account, origin.folder, origin.uid.map { Int64($0) },
                origin.uidValidity.map { Int64($0) },
                origin.source, summary.messageID, summary.date, origin.internalDate, summary.sender,
                summary.recipients, summary.subject, message.size, origin.flags.joined(separator: " "),
                message.archivedAt ?? archivedAt,
            ])
        let id = db.lastInsertedRowID
        if let body = summary.bodyText {
            try insertText(id: id, summary, body: body, in: db)
        } else {
            try db.cachedStatement(sql: "INSERT INTO text_pending (id) VALUES (?)").execute(arguments: [id])
        }
        return id
    }

    static func insertText(id: Int64, _ summary: MessageSummary, body: String, in db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO message_text (rowid, subject, sender, recipients, body) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [id, summary.subject, summary.sender, summary.recipients, body])
    }

    /// Where message `id` is stored.
    func location(of id: Int64) throws(ArchiveError) -> StoredLocation {
        guard let location = try locations(of: [id])[id] else { throw .notFound("no message \(id) in the archive") }
        return location
    }

    /// Where each of `ids` is stored, in one read (a statement per `lookupChunk` ids): a pool read per message
    /// cost about 0.1 ms, a quarter of the CPU of indexing a batch's text. Ids not in the catalogue are absent.
    func locations(of ids: [Int64]) throws(ArchiveError) -> [Int64: StoredLocation] {
        try read("catalogue lookup") { db in
            var found: [Int64: StoredLocation] = [:]
            let unique = Array(Set(ids))
            for start in stride(from: 0, to: unique.count, by: Self.lookupChunk) {
                let chunk = unique[start..<min(start + Self.lookupChunk, unique.count)]
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT m.id, b.sha256, b.position, k.segment, k.offset, k.stored_length
                        FROM messages m JOIN blobs b ON b.id = m.blob_id JOIN blocks k ON k.id = b.block_id
                        WHERE m.id IN (\(Self.marks(chunk.count)))
                        """, arguments: StatementArguments(chunk.map { $0 as (any DatabaseValueConvertible)? }))
                while let row = try rows.next() {
                    let id: Int64 = row["id"]
                    found[id] = StoredLocation(
                        messageID: id, sha256: row["sha256"], segment: row["segment"], offset: row["offset"],
                        storedLength: row["stored_length"], position: row["position"])
                }
            }
            return found
        }
    }

    /// Every block with its expected contents, in storage order (for verify and export).
    func allBlocks() throws(ArchiveError) -> [CataloguedBlock] {
        try read("catalogue scan") { db in
            var blocks: [Int64: CataloguedBlock] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, segment, offset, stored_length FROM blocks") {
                let id: Int64 = row["id"]
                blocks[id] = CataloguedBlock(
                    id: id, segment: row["segment"], offset: row["offset"], storedLength: row["stored_length"],
                    contents: [])
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT b.block_id, b.position, b.sha256, group_concat(m.id) AS ids
                    FROM blobs b LEFT JOIN messages m ON m.blob_id = b.id
                    GROUP BY b.id ORDER BY b.block_id, b.position
                    """)
            for row in rows {
                let ids = (row["ids"] as String?)?.split(separator: ",").compactMap { Int64($0) } ?? []
                blocks[row["block_id"]]?.contents.append((row["position"], row["sha256"], ids))
            }
            return blocks.values.sorted { ($0.segment, $0.offset) < ($1.segment, $1.offset) }
        }
    }
}
