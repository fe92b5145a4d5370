import Foundation
import GRDB

/// A COPY of the batch under way, noted before it went out. A server carries out a command it has read even when
/// the client is gone (killed, with its sockets closed by the kernel), and a slow one may make that copy after a
/// new run's recovery has looked: recovery waits for the copies these notes name instead of making them twice.
public struct CopySent: Sendable, Hashable {
    public var mailbox: String
    public var uids: Set<UInt32>
    /// When the COPY was about to be sent (wall clock: the note outlives the process that wrote it).
    public var sentAt: Date

    public init(mailbox: String, uids: Set<UInt32>, sentAt: Date) {
        self.mailbox = mailbox
        self.uids = uids
        self.sentAt = sentAt
    }
}

extension StateStore {
    /// Notes that a COPY of `uids` to `mailbox` is about to be sent for the batch under way in `folder`.
    public func noteCopySent(_ uids: [UInt32], to mailbox: String, account: String, folder: String)
        throws(DaemonError)
    {
        let list = uids.map(String.init).joined(separator: ",")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        // Not fsynced: the note must outlive a killed process, whose server may still be at work; after a power
        // cut here the restart takes longer than any server's late COPY, and an fsync would stretch the moment
        // between the note and the COPY in which a crash leaves a note for a copy never sent (waited for in vain).
        try writeUnsynced("noting a copy to \(mailbox) for \(account)/\(folder)") { db in
            try db.execute(
                sql: "INSERT INTO copy_sent (account, folder, mailbox, uids, sent_at_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [account, folder, mailbox, list, now])
        }
    }

    /// The copies noted for the batch under way in `folder`, oldest first.
    public func copiesSent(account: String, folder: String) throws(DaemonError) -> [CopySent] {
        let rows = try read("reading the copies sent for \(account)/\(folder)") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT mailbox, uids, sent_at_ms FROM copy_sent WHERE account = ? AND folder = ? ORDER BY rowid",
                arguments: [account, folder])
        }
        return rows.map { row in
            let list: String = row["uids"]
            let milliseconds: Int64 = row["sent_at_ms"]
            return CopySent(
                mailbox: row["mailbox"], uids: Set(list.split(separator: ",").compactMap { UInt32($0) }),
                sentAt: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
    }

    /// Called in the transaction that ends the batch (committed or dropped): its notes end with it.
    static func forgetCopiesSent(account: String, folder: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM copy_sent WHERE account = ? AND folder = ?", arguments: [account, folder])
    }
}
