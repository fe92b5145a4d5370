import Foundation
import GRDB

/// A batch of messages whose actions are under way: written to the state store before the first action reaches
/// the server, removed in the same transaction that records them done. Finding one at start-up means the daemon
/// stopped in the middle: `BatchRecovery` looks at the server and finishes exactly what is missing.
public struct PendingBatch: Codable, Sendable, Hashable {
    /// Where a mailbox that receives copies stood before the batch: a copy of ours there has a UID of at least
    /// `uidNext` (under this `uidValidity`).
    public struct MailboxMark: Codable, Sendable, Hashable {
        public var uidValidity: UInt32
        public var uidNext: UInt32

        public init(uidValidity: UInt32, uidNext: UInt32) {
            self.uidValidity = uidValidity
            self.uidNext = uidNext
        }
    }

    public var uidValidity: UInt32
    /// Every UID up to this one is done once the batch is: the batch holds all messages of the folder between
    /// the last UID done and this one.
    public var throughUID: UInt32
    public var plans: [MessagePlan]
    /// Mailboxes copies go to (by COPY: `fileinto :copy`, a kept message's `fileinto`, or a move where the
    /// server has no MOVE), marked before the batch.
    public var copyMarks: [String: MailboxMark]

    public init(uidValidity: UInt32, throughUID: UInt32, plans: [MessagePlan], copyMarks: [String: MailboxMark] = [:]) {
        self.uidValidity = uidValidity
        self.throughUID = throughUID
        self.plans = plans
        self.copyMarks = copyMarks
    }
}

/// One line of the processing log: what was done with a message, and which rules decided.
public struct ProcessingRecord: Sendable, Hashable {
    public var uid: UInt32
    public var identity: MessageIdentity
    /// What was done, in words ("moved to Listes; flagged \\Flagged").
    public var actions: String
    public var rules: [String]

    public init(uid: UInt32, identity: MessageIdentity, actions: String, rules: [String]) {
        self.uid = uid
        self.identity = identity
        self.actions = actions
        self.rules = rules
    }
}

extension StateStore {
    /// Records `batch` as under way. There is at most one per folder: a second is refused, since the first must
    /// be recovered before anything else is done there.
    public func beginBatch(_ batch: PendingBatch, account: String, folder: String) throws(DaemonError) {
        let plan = Data(batch.record())
        try write("recording the batch for \(account)/\(folder)") { db in
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM pending_batch WHERE account = ? AND folder = ?", arguments: [account, folder])
                == true
            {
                throw DaemonError.stateStore("a batch for \(account)/\(folder) is already under way")
            }
            try Self.forgetCopiesSent(account: account, folder: folder, db)
            try db.execute(
                sql:
                    "INSERT INTO pending_batch (account, folder, uid_validity, started_at, plan) VALUES (?, ?, ?, ?, ?)",
                arguments: [account, folder, Int64(batch.uidValidity), Self.now, plan])
        }
    }

    /// The batch a previous run left under way in this folder, if any.
    public func pendingBatch(account: String, folder: String) throws(DaemonError) -> PendingBatch? {
        let data = try read("reading the batch for \(account)/\(folder)") { db in
            try Data.fetchOne(
                db, sql: "SELECT plan FROM pending_batch WHERE account = ? AND folder = ?",
                arguments: [account, folder])
        }
        guard let data else { return nil }
        do { return try PendingBatch(record: Array(data)) } catch {
            throw .stateStore("the batch recorded for \(account)/\(folder) cannot be read: \(error)")
        }
    }

    /// The batch is done: its messages go into the processing log, the folder's last UID done moves to the
    /// batch's end, and the batch record goes — all in one transaction.
    public func commitBatch(
        _ batch: PendingBatch, records: [ProcessingRecord], account: String, folder: String,
        highestModSeq: UInt64? = nil, rescanThrough: UInt32 = 0, rescanSince: Int64 = 0
    ) throws(DaemonError) {
        try write("recording the batch for \(account)/\(folder) as done") { db in
            let time = Self.now
            for record in records {
                try Self.insert(
                    record, account: account, folder: folder, uidValidity: batch.uidValidity, time: time, db)
            }
            let state = MailboxState(
                uidValidity: batch.uidValidity, lastUID: batch.throughUID, highestModSeq: highestModSeq,
                rescanThrough: batch.throughUID < rescanThrough ? rescanThrough : 0,
                rescanSince: batch.throughUID < rescanThrough ? rescanSince : 0)
            try Self.upsert(state, account: account, folder: folder, db)
            for plan in batch.plans {
                let destinations = plan.copies.map(\.mailbox) + [plan.disposition.destination].compactMap { $0 }
                for destination in Set(destinations) {
                    try Self.recordDelivery(plan.identity.fingerprint, account: account, folder: destination, db)
                }
            }
            try db.execute(
                sql: "DELETE FROM pending_batch WHERE account = ? AND folder = ?", arguments: [account, folder])
            try Self.forgetCopiesSent(account: account, folder: folder, db)
        }
    }

    /// Drops a batch record without doing it (its folder's UIDVALIDITY changed: its UIDs mean nothing now).
    public func dropBatch(account: String, folder: String) throws(DaemonError) {
        try write("dropping the batch for \(account)/\(folder)") { db in
            try db.execute(
                sql: "DELETE FROM pending_batch WHERE account = ? AND folder = ?", arguments: [account, folder])
            try Self.forgetCopiesSent(account: account, folder: folder, db)
        }
    }
}
