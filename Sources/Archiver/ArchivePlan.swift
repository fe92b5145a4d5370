import Foundation

/// A quota's STORAGE use, in bytes.
public struct QuotaUse: Sendable, Hashable, Codable {
    public var usedBytes: UInt64
    public var limitBytes: UInt64

    public init(usedBytes: UInt64, limitBytes: UInt64) {
        self.usedBytes = usedBytes
        self.limitBytes = limitBytes
    }

    /// Use as a percentage of the limit (0 for a limit of 0).
    public var percent: Double { limitBytes == 0 ? 0 : Double(usedBytes) * 100 / Double(limitBytes) }

    /// This use after `bytes` have left.
    func freeing(_ bytes: UInt64) -> QuotaUse {
        QuotaUse(usedBytes: usedBytes > bytes ? usedBytes - bytes : 0, limitBytes: limitBytes)
    }
}

/// One message a plan moves to the archive.
public struct PlannedMessage: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Older than the folder's `older_than_days`.
        case age
        /// Among the oldest, to bring the quota's use under `quota_target_percent`.
        case quota
    }

    public var uid: UInt32
    /// RFC822.SIZE.
    public var size: UInt64
    /// The date its age is counted from (internal date or Date header, per the folder's policy), seconds since 1970.
    public var date: Int64
    public var reason: Reason
}

/// What moves from one folder: its UIDVALIDITY when planned (a run refuses a folder whose UIDVALIDITY changed),
/// and the messages, in UID order.
public struct FolderPlan: Sendable, Hashable, Codable {
    /// The folder's name on the server.
    public var folder: String
    /// Its name in the archive: the server's levels separated by `/`.
    public var archiveFolder: String
    public var uidValidity: UInt32
    public var messages: [PlannedMessage]
    /// Messages marked \Deleted when planned: the run expunges those the archive holds already (marked by a run
    /// stopped before its expunge), and leaves the others (other clients' deletions) alone.
    public var deleted: Int

    public var bytes: UInt64 { messages.reduce(0) { $0 + $1.size } }
}

/// What an archive run of one account would move, and the quota's use before and (estimated) after.
public struct AccountPlan: Sendable, Hashable, Codable {
    public var account: String
    /// Folders with something to move (or marked \Deleted messages to look at), in the server's LIST order.
    public var folders: [FolderPlan]
    /// Folders looked at and left, each with why (excluded, not selectable, a name the archive cannot hold…).
    public var skipped: [SkippedFolder]
    public var quotaBefore: QuotaUse?
    /// `quotaBefore` less the planned messages' sizes: what the server should count once they are expunged.
    public var quotaAfter: QuotaUse?
    /// The quota pressure applied (use past `quota_start_percent`).
    public var quotaPressure: Bool

    public var messageCount: Int { folders.reduce(0) { $0 + $1.messages.count } }
    public var bytes: UInt64 { folders.reduce(0) { $0 + $1.bytes } }
}

public struct SkippedFolder: Sendable, Hashable, Codable {
    public var folder: String
    public var reason: String
}
