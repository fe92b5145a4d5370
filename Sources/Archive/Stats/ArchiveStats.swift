import Foundation
import GRDB

/// Size figures of a store: what it holds against what it takes on disk.
public struct ArchiveStats: Sendable, Codable {
    public var messages: Int
    /// Distinct contents actually stored (identical messages count once).
    public var distinctMessages: Int
    /// Bytes of all archived messages as they were on the server or in the imported files.
    public var logicalBytes: Int64
    public var segmentBytes: Int64
    public var catalogueBytes: Int64
    public var bytesOnDisk: Int64 { segmentBytes + catalogueBytes }
    /// Bytes on disk per logical byte (lower is better).
    public var ratio: Double { logicalBytes == 0 ? 0 : Double(bytesOnDisk) / Double(logicalBytes) }
    public var segmentRatio: Double { logicalBytes == 0 ? 0 : Double(segmentBytes) / Double(logicalBytes) }
    /// Stored bytes (part of `segmentBytes`) in blocks written at a fast level and not yet settled: `settle`
    /// recompresses them, and the store shrinks by about two fifths of them (README, "Archive").
    public var unsettledBytes: Int64 = 0
    public var unsettledBlocks = 0
    /// Messages whose text waits for the search index (`ArchiveStore.indexPendingText`; `settle` does it).
    public var textWaiting = 0
}

extension ArchiveStore {
    public func stats() throws(ArchiveError) -> ArchiveStats {
        let counts = try catalogue.read("statistics") { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes, (SELECT COUNT(*) FROM blobs) AS blobs FROM messages"
            )!
        }
        let segmentBytes = try segments.segments().reduce(Int64(0)) { $0 + Self.fileSize(segments.path(of: $1)) }
        let catalogueBytes = ["", "-wal", "-shm"].reduce(Int64(0)) { $0 + Self.fileSize(catalogue.path + $1) }
        let unsettled = try catalogue.unsettled(below: options.settledLevel)
        return ArchiveStats(
            messages: counts["n"], distinctMessages: counts["blobs"], logicalBytes: counts["bytes"],
            segmentBytes: segmentBytes, catalogueBytes: catalogueBytes, unsettledBytes: unsettled.bytes,
            unsettledBlocks: unsettled.blocks, textWaiting: try catalogue.pendingTextCount())
    }

    /// The size of a file, 0 when it is absent.
    @_spi(Benchmark) public static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
