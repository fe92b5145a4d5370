import Foundation
import GRDB

extension ArchiveStore {
    /// The catalogue id of the message archived from this server place — account, folder, UIDVALIDITY and UID —
    /// with this content (SHA-256 of its raw bytes), or nil when there is none.
    ///
    /// How the archiver recognises a message it archived in a run that stopped before the server copy was
    /// deleted: the next run finds it here and deletes it without storing it a second time. The content must
    /// match too: a UID names one message for as long as its UIDVALIDITY holds, but a catalogue restored from
    /// another machine, or a server that broke that promise, must not make a different message count as archived.
    public func archivedMessage(
        account: String, folder: String, uidValidity: UInt32, uid: UInt32, sha256: [UInt8]
    ) throws(ArchiveError) -> Int64? {
        try catalogue.read("catalogue lookup") { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT messages.id FROM messages JOIN blobs ON blobs.id = messages.blob_id
                    WHERE messages.account = ? AND messages.folder = ? AND messages.uid_validity = ?
                      AND messages.uid = ? AND blobs.sha256 = ?
                    """,
                arguments: [account, folder, Int64(uidValidity), Int64(uid), Data(sha256)])
        }
    }

    /// Which of `uids` the archive holds from this folder under this UIDVALIDITY: what a run needs to fetch again
    /// to finish an interrupted one, and nothing else. At most `uids.count` rows are read, in statements of at
    /// most 500 UIDs.
    public func archivedUIDs(
        account: String, folder: String, uidValidity: UInt32, among uids: [UInt32]
    ) throws(ArchiveError) -> Set<UInt32> {
        var found: Set<UInt32> = []
        for start in stride(from: 0, to: uids.count, by: 500) {
            let chunk = uids[start..<min(start + 500, uids.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let values: [(any DatabaseValueConvertible)?] =
                [account, folder, Int64(uidValidity)] + chunk.map { Int64($0) }
            let rows = try catalogue.read("catalogue lookup") { db in
                try Int64.fetchAll(
                    db,
                    sql: "SELECT uid FROM messages WHERE account = ? AND folder = ? AND uid_validity = ? "
                        + "AND uid IN (\(marks))",
                    arguments: StatementArguments(values))
            }
            for uid in rows { found.insert(UInt32(truncatingIfNeeded: uid)) }
        }
        return found
    }
}
