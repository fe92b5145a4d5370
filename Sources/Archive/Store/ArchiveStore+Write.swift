import Foundation
import Glibc

extension ArchiveStore {
    /// Archives `messages` and returns one receipt per message, in order.
    ///
    /// It returns only when every new message is archived for good: its block is written, the segment (and,
    /// for a new segment, its folder) is fsynced, the block read back from disk matches every message's
    /// SHA-256, and the catalogue rows are committed. The daemon deletes server copies on that word. If it
    /// throws, nothing of this call counts as archived (a later open cuts off any unrecorded bytes), and the
    /// caller may simply try again: messages already archived (same account, folder and content) are not
    /// added twice, and identical contents are stored once whatever their origin.
    ///
    /// A content already stored is read back and checked first: if its stored copy is damaged, the new one is
    /// stored (durably and verified, as any new block) and the catalogue pointed at it in the same commit, so
    /// importing the original of a damaged message again repairs it. Every folder name is checked
    /// (`FolderName`): one that is refused fails the call before anything is written.
    ///
    /// With `indexingText` false only the header block of each message is read here, and its text waits for
    /// `indexPendingText` (an archive run or an import: the full-text index, the costliest part of a write, does
    /// not hold up getting mail off the server). Search finds such a message by folder and date at once, and by
    /// its words once indexed.
    public func archive(_ messages: [IncomingMessage], indexingText: Bool = true) throws(ArchiveError)
        -> [ArchiveReceipt]
    {
        guard !messages.isEmpty else { return [] }
        var hashes: [Data] = []
        hashes.reserveCapacity(messages.count)
        for (index, message) in messages.enumerated() {
            do throws(ArchiveError) { try FolderName.check(message.origin.folder) } catch {
                throw .input("message \(index + 1) (\(message.origin.source ?? "from the server")): \(error.message)")
            }
            guard message.bytes.count <= options.maxMessageBytes else {
                throw .input(
                    "message \(index + 1) (\(message.origin.source ?? message.origin.folder)) has \(message.bytes.count) bytes,"
                        + " more than the limit of \(options.maxMessageBytes)")
            }
            hashes.append(ContentHash.of(message.bytes))
        }
        // The duplicate check of the whole call in one catalogue read (a few statements), not two per message.
        let known = try catalogue.known(
            zip(hashes, messages).map { ($0, $1.origin.account, $1.origin.folder) })
        var plan = WritePlan()
        for (message, sha) in zip(messages, hashes) {
            plan.add(
                message, sha: sha, known: known, store: self, maxTextBytes: options.maxIndexedTextBytes,
                withText: indexingText)
        }
        var blocks: [NewBlock] = []
        for group in plan.blockGroups(blockSize: options.blockSize) {
            blocks.append(
                try writeBlock(
                    group.map { plan.newContents[$0] }, hashes: group.map { plan.newHashes[$0] },
                    replacing: group.map { plan.replacedBlobs[$0] }))
        }
        let ids = try catalogue.commit(
            blocks: blocks, messages: plan.newMessages, archivedAt: Int64(Date().timeIntervalSince1970))
        FaultPoint.reach(.committed)
        return plan.receipts(newIDs: ids)
    }

    /// Appends one block durably and checks it by reading it back; on any failure the segment is cut back.
    /// The block is listed as pending in the catalogue before its bytes are written.
    private func writeBlock(
        _ contents: [[UInt8]], hashes: [Data], replacing: [Int64?]
    ) throws(ArchiveError) -> NewBlock {
        let stored = try BlockCodec.encode(contents, level: options.compressionLevel)
        let target = try segmentWithRoom(for: stored.count)
        // Recorded first, so that the next writer may cut this block if the commit never comes (`checkTails`).
        let header = try BlockHeader(decoding: stored[...], at: "new block")
        try catalogue.recordPending(
            PendingBlock(
                segment: target.number, offset: target.end, storedLength: stored.count, payloadCRC: header.payloadCRC))
        do throws(ArchiveError) {
            try target.file.write(stored, at: target.end)
            FaultPoint.reach(.blockWritten)
            try target.file.sync()
            FaultPoint.reach(.blockSynced)
            target.file.dropCache()
            let readBack = try target.file.read(at: target.end, length: stored.count)
            let place = "new block in \(target.file.path) at offset \(target.end)"
            let decoded = try BlockCodec.decode(readBack[...], at: place, limit: blockLimit)
            guard decoded.count == hashes.count, zip(decoded, hashes).allSatisfy({ ContentHash.of($0) == $1 }) else {
                throw ArchiveError.corruptBlock("\(place): read back different from what was written")
            }
        } catch {
            try? target.file.truncate(to: target.end)
            try? target.file.sync()
            throw error
        }
        appendSegment = (target.number, target.file, target.end + stored.count)
        return NewBlock(
            segment: target.number, offset: target.end, storedLength: stored.count,
            rawLength: contents.reduce(4 * contents.count) { $0 + $1.count },
            blobs: contents.indices.map {
                NewBlob(sha256: hashes[$0], size: contents[$0].count, replacing: replacing[$0])
            }, level: Int(header.level))
    }

    /// The segment to append `length` bytes to: the current one, or a new one once it is past its size.
    private func segmentWithRoom(for length: Int) throws(ArchiveError) -> (number: Int, file: SegmentFile, end: Int) {
        if let current = appendSegment,
            current.end == SegmentDirectory.fileHeader.count || current.end + length <= options.segmentSize
        {
            return current
        }
        let number = (appendSegment?.number ?? 0) + 1
        let file = try segments.create(number, modes: options.modes)
        appendSegment = (number, file, SegmentDirectory.fileHeader.count)
        return appendSegment!
    }
}

/// What one `archive(_:)` call will do: which contents are new, which messages get a row, and what each
/// incoming message's receipt will be.
struct WritePlan {
    private enum Outcome {
        case known(id: Int64, sha: Data)
        case new(row: Int, sha: Data)
    }

    var newContents: [[UInt8]] = []
    var newHashes: [Data] = []
    /// For each new content, the blob whose damaged stored copy it replaces, if any.
    var replacedBlobs: [Int64?] = []
    /// Contents whose stored copy was found damaged and is stored again by this call.
    private var repairedHashes: Set<Data> = []
    var newMessages: [NewMessage] = []
    private var outcomes: [Outcome] = []
    private var newBlobIndex: [Data: Int] = [:]
    private var rowIndex: [RowKey: Int] = [:]

    /// A message row of this call: its content in one account's folder.
    private struct RowKey: Hashable {
        var sha256: Data
        var account: String
        var folder: String
    }

    /// Plans one message, whose content is `sha` (SHA-256 of its bytes), against what the catalogue holds
    /// (`known`, read once for the whole call) and what this call adds before it.
    mutating func add(
        _ message: IncomingMessage, sha: Data, known: KnownContents, store: ArchiveStore, maxTextBytes: Int,
        withText: Bool = true
    ) {
        let origin = message.origin
        let key = RowKey(sha256: sha, account: origin.account, folder: origin.folder)
        if let row = rowIndex[key] {
            outcomes.append(.new(row: row, sha: sha))
            return
        }
        let content: NewMessage.Content
        /// The content's blob row when the catalogue already has one (intact, or being stored again).
        let catalogued: Int64?
        if let index = newBlobIndex[sha] {
            content = .newBlob(index)
            catalogued = replacedBlobs[index]
        } else if let blob = known.blobs[sha] {
            content =
                store.storedCopyIsIntact(blob: blob, sha256: sha)
                ? .existingBlob(blob) : addContent(message.bytes, sha: sha, replacing: blob)
            catalogued = blob
        } else {
            content = addContent(message.bytes, sha: sha, replacing: nil)
            catalogued = nil
        }
        if let catalogued,
            let id = known.messages[.init(blob: catalogued, account: origin.account, folder: origin.folder)]
        {
            outcomes.append(.known(id: id, sha: sha))
            return
        }
        rowIndex[key] = newMessages.count
        outcomes.append(.new(row: newMessages.count, sha: sha))
        newMessages.append(
            NewMessage(
                content: content, origin: message.origin,
                summary: MessageSummary(message.bytes, maxTextBytes: maxTextBytes, withText: withText),
                size: message.bytes.count))
    }

    /// A content to store in a new block, replacing the damaged copy of blob `replacing` if given.
    private mutating func addContent(_ bytes: [UInt8], sha: Data, replacing: Int64?) -> NewMessage.Content {
        newBlobIndex[sha] = newContents.count
        newContents.append(bytes)
        newHashes.append(sha)
        replacedBlobs.append(replacing)
        if replacing != nil { repairedHashes.insert(sha) }
        return .newBlob(newContents.count - 1)
    }

    /// New contents cut into blocks of at most `blockSize` raw bytes (a larger message alone), in arrival order:
    /// the block size bounds the work of reading any one message.
    func blockGroups(blockSize: Int) -> [[Int]] {
        var groups: [[Int]] = []
        var current: [Int] = []
        var size = 0
        for (index, content) in newContents.enumerated() {
            if !current.isEmpty && size + content.count > blockSize {
                groups.append(current)
                current = []
                size = 0
            }
            current.append(index)
            size += content.count
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    func receipts(newIDs: [Int64]) -> [ArchiveReceipt] {
        var seen: Set<Int> = []
        return outcomes.map { outcome in
            switch outcome {
            case .known(let id, let sha):
                return ArchiveReceipt(
                    id: id, sha256: ContentHash.hex(sha), isNew: false, repaired: repairedHashes.contains(sha))
            case .new(let row, let sha):
                return ArchiveReceipt(
                    id: newIDs[row], sha256: ContentHash.hex(sha), isNew: seen.insert(row).inserted,
                    repaired: repairedHashes.contains(sha))
            }
        }
    }
}
