import Foundation

/// A block about to be recorded, with the new contents it holds (in block order).
struct NewBlock: Sendable {
    var segment: Int
    var offset: Int
    var storedLength: Int
    var rawLength: Int
    var blobs: [NewBlob]
    /// Messages the block holds, when not `blobs.count` (a rebuild records each content once).
    var messageCount: Int? = nil
    /// The Zstandard level of its payload; nil when the block does not record it (written before levels were).
    var level: Int? = nil
}

struct NewBlob: Sendable {
    var sha256: Data
    var size: Int
    /// Its place in the block, when not its place in `NewBlock.blobs` (a rebuild skips contents seen before).
    var position: Int? = nil
    /// The blob row whose damaged stored copy this one replaces: that row is pointed here rather than a new
    /// one added (every message with this content reads the new copy).
    var replacing: Int64? = nil
}

/// A message row about to be recorded. Its content is either already stored (`existingBlob`) or is the
/// `newBlob`-th new blob of this commit, counted across its blocks.
struct NewMessage: Sendable {
    enum Content: Sendable {
        case existingBlob(Int64)
        case newBlob(Int)
    }
    var content: Content
    var origin: ArchiveOrigin
    var summary: MessageSummary
    var size: Int
    /// When it was archived, when not the commit's time (a rebuild keeps the old catalogue's).
    var archivedAt: Int64? = nil
}

/// A block being written: recorded before its bytes go to disk (`pending_blocks`), so that a crash leaves a
/// block the next writer knows it may cut.
struct PendingBlock: Sendable, Hashable {
    var segment: Int
    var offset: Int
    var storedLength: Int
    var payloadCRC: UInt32
}

/// Where one message's bytes are: its block, and its position in it.
struct StoredLocation: Sendable {
    var messageID: Int64
    var sha256: Data
    var segment: Int
    var offset: Int
    var storedLength: Int
    var position: Int
}

/// A block as the catalogue knows it, with the contents it should hold.
struct CataloguedBlock: Sendable {
    var id: Int64
    var segment: Int
    var offset: Int
    var storedLength: Int
    var contents: [(position: Int, sha256: Data, messageIDs: [Int64])]
}

/// A catalogued block that `settle` may move: where it is, and its level (nil: not recorded).
struct SettleCandidate: Sendable, Equatable {
    var id: Int64
    var segment: Int
    var offset: Int
    var storedLength: Int
    var level: Int?
}
