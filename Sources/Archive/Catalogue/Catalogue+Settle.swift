import Foundation
import GRDB

/// What `settle` asks of the catalogue: which blocks to move, what they hold, and the one-transaction switch of
/// a block from its old copy to its new one.
extension Catalogue {
    /// Every block of each segment that holds a block below `level`, in storage order. Blocks that do not record
    /// their level (written before levels were, at the then default 19) count as settled.
    func settleCandidates(below level: Int32) throws(ArchiveError) -> [SettleCandidate] {
        try read("catalogue scan") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, segment, offset, stored_length, level FROM blocks
                    WHERE segment IN (SELECT DISTINCT segment FROM blocks WHERE level IS NOT NULL AND level < ?)
                    ORDER BY segment, offset
                    """, arguments: [level]
            ).map {
                SettleCandidate(
                    id: $0["id"], segment: $0["segment"], offset: $0["offset"], storedLength: $0["stored_length"],
                    level: $0["level"])
            }
        }
    }

    /// The contents block `id` must hold: each catalogued blob's position and SHA-256.
    func contents(ofBlock id: Int64) throws(ArchiveError) -> [(position: Int, sha256: Data)] {
        try read("catalogue lookup") { db in
            try Row.fetchAll(db, sql: "SELECT position, sha256 FROM blobs WHERE block_id = ?", arguments: [id]).map {
                ($0["position"], $0["sha256"])
            }
        }
    }

    /// Where block `id` is now, or nil when the catalogue no longer records it.
    func place(ofBlock id: Int64) throws(ArchiveError) -> SettleCandidate? {
        try read("catalogue lookup") { db in
            try Row.fetchOne(
                db, sql: "SELECT id, segment, offset, stored_length, level FROM blocks WHERE id = ?", arguments: [id]
            ).map {
                SettleCandidate(
                    id: $0["id"], segment: $0["segment"], offset: $0["offset"], storedLength: $0["stored_length"],
                    level: $0["level"])
            }
        }
    }

    /// Points block `id` at its new copy (`to`; nil drops a block nothing refers to) and lists its old copy as
    /// pending, in one transaction: from the commit on, readers find the new copy, and a writer that opens after
    /// a crash may cut the old one. The block keeps its id, so its blobs and messages are untouched.
    func moveBlock(_ id: Int64, to new: SettleCandidate?, leaving old: PendingBlock) throws(ArchiveError) {
        do {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM pending_blocks")
                if let new {
                    try db.execute(
                        sql: "UPDATE blocks SET segment = ?, offset = ?, stored_length = ?, level = ? WHERE id = ?",
                        arguments: [new.segment, new.offset, new.storedLength, new.level, id])
                } else {
                    try db.execute(sql: "DELETE FROM blocks WHERE id = ?", arguments: [id])
                }
                try db.execute(
                    sql: "INSERT INTO pending_blocks (segment, offset, stored_length, payload_crc) VALUES (?, ?, ?, ?)",
                    arguments: [old.segment, old.offset, old.storedLength, Int64(old.payloadCRC)])
            }
        } catch {
            throw Self.wrap(error, "cannot record a settled block in \(path)")
        }
    }

    /// Blocks below `level` and their stored bytes. A catalogue from before v3 (read-only, not migrated) has none.
    func unsettled(below level: Int32) throws(ArchiveError) -> (blocks: Int, bytes: Int64) {
        try read("statistics") { db in
            guard try db.columns(in: "blocks").contains(where: { $0.name == "level" }) else { return (0, 0) }
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS n, COALESCE(SUM(stored_length), 0) AS bytes FROM blocks
                    WHERE level IS NOT NULL AND level < ?
                    """, arguments: [level])!
            return (row["n"], row["bytes"])
        }
    }
}
