import Foundation
import GRDB
import Glibc

/// What `ArchiveStore.rebuildCatalogue` found in the segments and recorded.
public struct CatalogueRebuildSummary: Sendable {
    public var segments = 0
    /// Complete blocks read (damaged ones included: they stay recorded, so verify keeps naming them).
    public var blocks = 0
    /// Message rows in the new catalogue.
    public var messages = 0
    /// Distinct contents recorded.
    public var distinctContents = 0
    /// Rows whose account, folder, UID, flags, dates and source came from the old catalogue.
    public var messagesWithDetails = 0
    /// Contents the old catalogue did not know: filed under the recovery folder, without flags, UID or source.
    public var messagesRecovered = 0
    /// Old catalogue rows whose content no segment holds any more.
    public var oldMessagesNotFound = 0
    /// Copies of a content already read from an earlier block: left on disk, recorded once.
    public var duplicateContents = 0
    /// Places that could not be read (segment file, offset) and why; skipped.
    public var damaged: [(place: String, reason: String)] = []
    /// Bytes at the end of the last segment holding no complete block (an interrupted write; the next writer
    /// cuts them).
    public var tornTailBytes = 0
    /// Where the old catalogue was kept, if there was one.
    public var backupPath: String?
}

extension ArchiveStore {
    /// Rebuilds `catalogue.sqlite`, search index included, from the segments alone, for a catalogue that is
    /// missing, emptied or older than the segments (the writer refuses to open such a store).
    ///
    /// Every complete block is decoded and each distinct content (by SHA-256, as on import) recorded once. Blocks
    /// hold message bytes only: subject, addresses, dates, Message-ID, size and the indexed text are recomputed
    /// from them; account, folder, UID, flags, internal date, source and archival time are taken from the old
    /// catalogue where it still has the content, and otherwise are lost (`recoveredFolder`, no flags, UID or
    /// source, archived now). Message ids are renumbered in storage order.
    ///
    /// Damaged places are reported and skipped. The new catalogue is written beside the old one and renamed into
    /// place only when complete; the old one is kept as `catalogue.sqlite.bak-<UTC time>`. A crash at any point
    /// leaves either the old catalogue or the new one in place. Holds the writer's lock throughout.
    public static func rebuildCatalogue(
        directory: String, account: String? = nil, recoveredFolder: String = "Recovered",
        options: ArchiveOptions = .default, progress: (_ segmentsDone: Int, _ segmentsTotal: Int) -> Void = { _, _ in }
    ) throws(ArchiveError) -> CatalogueRebuildSummary {
        let segments = SegmentDirectory(path: directory + "/segments")
        guard access(segments.path, F_OK) == 0 else {
            throw .notFound("no archive at \(directory) (no segments folder there)")
        }
        let lock = try StoreLock(directory: directory, modes: options.modes)
        defer { withExtendedLifetime(lock) {} }
        let target = directory + "/catalogue.sqlite"
        let temporary = target + ".rebuilding"
        for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }

        let old = OldCatalogue(path: target)
        var summary = CatalogueRebuildSummary()
        do {
            // Created with the archive's mode before SQLite opens it, so it and its -wal and -shm are private.
            close(try options.modes.openArchiveFile(temporary))
            let fresh = try Catalogue(path: temporary, readOnly: false)
            var builder = RebuildBatch(
                catalogue: fresh, old: old, account: account ?? old?.mainAccount ?? "local", folder: recoveredFolder,
                maxTextBytes: options.maxIndexedTextBytes)
            let numbers = try segments.segments()
            for (index, number) in numbers.enumerated() {
                try builder.read(
                    segment: number, of: segments, isLast: number == numbers.last, limit: blockLimit(options),
                    into: &summary)
                progress(index + 1, numbers.count)
            }
            try builder.flush()
            summary.segments = numbers.count
            summary.distinctContents = builder.distinctContents
            summary.oldMessagesNotFound = max(0, (old?.messageCount ?? 0) - summary.messagesWithDetails)
            do {
                _ = try fresh.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
                try fresh.pool.close()
            } catch {
                throw Catalogue.wrap(error, "cannot finish \(temporary)")
            }
        }
        old?.close()
        try syncFile(temporary)
        FaultPoint.reach(.rebuildWritten)
        summary.backupPath = try install(temporary, as: target)
        try SegmentDirectory.syncDirectory(directory)
        return summary
    }

    /// Puts the rebuilt catalogue in place of `target`, keeping the old one (and its write-ahead log, if the
    /// log could not be folded in) under a `.bak-<UTC time>` name; returns that name.
    private static func install(_ rebuilt: String, as target: String) throws(ArchiveError) -> String? {
        var backup: String?
        if access(target, F_OK) == 0 {
            if fileSize(target) > 0, let pool = try? DatabasePool(path: target) {
                _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
                try? pool.close()
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            var name = target + ".bak-" + formatter.string(from: Date())
            var attempt = 1
            while access(name, F_OK) == 0 {
                attempt += 1
                name = target + ".bak-" + formatter.string(from: Date()) + "-\(attempt)"
            }
            guard link(target, name) == 0 else { throw .io("cannot keep the old catalogue as \(name)", errno: errno) }
            if fileSize(target + "-wal") > 0, rename(target + "-wal", name + "-wal") != 0 {
                throw .io("cannot keep the old catalogue's log as \(name)-wal", errno: errno)
            }
            backup = name
            FaultPoint.reach(.rebuildBackedUp)
        }
        // An old log or shared-memory index (empty now, or orphaned by a deleted database) must never be applied to
        // the new database: gone before it comes in.
        unlink(target + "-wal")
        unlink(target + "-shm")
        guard rename(rebuilt, target) == 0 else {
            throw .io("cannot put the rebuilt catalogue in place of \(target)", errno: errno)
        }
        return backup
    }

    private static func syncFile(_ path: String) throws(ArchiveError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open \(path)", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("cannot fsync \(path)", errno: errno) }
    }
}

/// The catalogue being replaced, read for what blocks do not record: each content's origins.
private final class OldCatalogue {
    let pool: DatabasePool
    let messageCount: Int
    let mainAccount: String?

    init?(path: String) {
        guard ArchiveStore.fileSize(path) > 0 else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let pool = try? DatabasePool(path: path, configuration: configuration),
            let count = try? pool.read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM messages") ?? 0 })
        else { return nil }
        self.pool = pool
        messageCount = count
        mainAccount = try? pool.read {
            try String.fetchOne($0, sql: "SELECT account FROM messages GROUP BY account ORDER BY COUNT(*) DESC LIMIT 1")
        }
    }

    /// The origins the old catalogue recorded for this content, oldest first.
    func origins(of sha256: Data) -> [(ArchiveOrigin, archivedAt: Int64)] {
        let rows =
            (try? pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.account, m.folder, m.uid, m.uid_validity, m.source, m.flags, m.internal_date, m.archived_at
                        FROM messages m JOIN blobs b ON b.id = m.blob_id WHERE b.sha256 = ? ORDER BY m.id
                        """, arguments: [sha256])
            }) ?? []
        return rows.map { row in
            let origin = ArchiveOrigin(
                account: row["account"], folder: row["folder"],
                uid: (row["uid"] as Int64?).map { UInt32(truncatingIfNeeded: $0) },
                uidValidity: (row["uid_validity"] as Int64?).map { UInt32(truncatingIfNeeded: $0) },
                source: row["source"],
                flags: (row["flags"] as String).split(separator: " ").map(String.init),
                internalDate: row["internal_date"])
            return (origin, row["archived_at"])
        }
    }

    func close() { try? pool.close() }
}

/// Blocks read but not yet committed to the new catalogue: committed by the hundred, so a large archive is not
/// one transaction per block nor one huge transaction.
private struct RebuildBatch {
    let catalogue: Catalogue
    let old: OldCatalogue?
    let account: String
    let folder: String
    let maxTextBytes: Int
    private(set) var distinctContents = 0
    private var blocks: [NewBlock] = []
    private var messages: [NewMessage] = []
    private var newBlobs = 0
    private var batchHashes: Set<Data> = []

    init(catalogue: Catalogue, old: OldCatalogue?, account: String, folder: String, maxTextBytes: Int) {
        self.catalogue = catalogue
        self.old = old
        self.account = account
        self.folder = folder
        self.maxTextBytes = maxTextBytes
    }

    /// Reads every block of one segment into the batch.
    mutating func read(
        segment number: Int, of segments: SegmentDirectory, isLast: Bool, limit: Int,
        into summary: inout CatalogueRebuildSummary
    ) throws(ArchiveError) {
        let path = segments.path(of: number)
        let file = try SegmentFile(path: path, writable: false)
        let scan = try SegmentScan(file: file, limit: limit)
        guard scan.size >= SegmentDirectory.fileHeader.count else {
            if scan.size > 0 { summary.damaged.append((path, "shorter than a segment's file header")) }
            return
        }
        try scan.scan(from: SegmentDirectory.fileHeader.count) { finding throws(ArchiveError) in
            switch finding {
            case .unreadable(let offset, let length, let atEnd):
                if atEnd && isLast {
                    summary.tornTailBytes += length
                } else {
                    summary.damaged.append(("\(path) offset \(offset)", "\(length) bytes hold no readable block"))
                }
            case .block(let offset, let storedLength, let header):
                summary.blocks += 1
                let place = "\(path) offset \(offset)"
                var block = NewBlock(
                    segment: number, offset: offset, storedLength: storedLength, rawLength: Int(header.rawLength),
                    blobs: [], messageCount: Int(header.messageCount),
                    level: header.level == 0 ? nil : Int(header.level))
                var contents: [ArraySlice<UInt8>] = []
                do throws(ArchiveError) {
                    contents = try BlockCodec.decode(
                        try file.read(at: offset, length: storedLength)[...], at: place, limit: limit)
                } catch {
                    summary.damaged.append((place, error.message))
                }
                for (position, bytes) in contents.enumerated() {
                    try add(bytes, position: position, to: &block, summary: &summary)
                }
                // Recorded even when damaged or holding only known contents: the catalogue must know every block,
                // or the writer would refuse to open, and verify keeps naming a damaged one.
                blocks.append(block)
                if blocks.count >= 100 || messages.count >= 10_000 { try flush() }
            }
            return true
        }
    }

    private mutating func add(
        _ bytes: ArraySlice<UInt8>, position: Int, to block: inout NewBlock, summary: inout CatalogueRebuildSummary
    ) throws(ArchiveError) {
        let sha = ContentHash.of(bytes)
        guard !batchHashes.contains(sha), try catalogue.blobID(sha256: sha) == nil else {
            summary.duplicateContents += 1
            return
        }
        batchHashes.insert(sha)
        block.blobs.append(NewBlob(sha256: sha, size: bytes.count, position: position))
        let content = Array(bytes)
        let summaryOfText = MessageSummary(content, maxTextBytes: maxTextBytes)
        let known = old?.origins(of: sha) ?? []
        for (origin, archivedAt) in known {
            messages.append(
                NewMessage(
                    content: .newBlob(newBlobs), origin: origin, summary: summaryOfText, size: content.count,
                    archivedAt: archivedAt))
        }
        if known.isEmpty {
            messages.append(
                NewMessage(
                    content: .newBlob(newBlobs), origin: ArchiveOrigin(account: account, folder: folder),
                    summary: summaryOfText, size: content.count))
            summary.messagesRecovered += 1
        }
        summary.messagesWithDetails += known.count
        summary.messages += max(1, known.count)
        newBlobs += 1
        distinctContents += 1
    }

    /// Commits what is gathered.
    mutating func flush() throws(ArchiveError) {
        guard !blocks.isEmpty else { return }
        _ = try catalogue.commit(blocks: blocks, messages: messages, archivedAt: Int64(Date().timeIntervalSince1970))
        blocks = []
        messages = []
        newBlobs = 0
        batchHashes = []
    }
}
