import Foundation
import GRDB

extension ArchiveStore {
    /// Whether the stored copy of blob `blob` reads back intact (its block decodes, its bytes match `sha256`).
    /// Any failure to read it counts as damage: storing the content again costs space, never mail.
    ///
    /// Reads the whole block through the one-block cache, so checking the many messages of a block that is
    /// imported again decodes it once.
    func storedCopyIsIntact(blob: Int64, sha256: Data) -> Bool {
        do {
            let row = try catalogue.read("catalogue lookup") { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT b.position, k.segment, k.offset, k.stored_length
                        FROM blobs b JOIN blocks k ON k.id = b.block_id WHERE b.id = ?
                        """, arguments: [blob])
            }
            guard let row else { return false }
            let position: Int = row["position"]
            let messages = try block(segment: row["segment"], offset: row["offset"], storedLength: row["stored_length"])
            return position < messages.count && ContentHash.of(messages[position]) == sha256
        } catch {
            return false
        }
    }
}
