import Foundation
import Glibc

/// One account's archive: a folder holding `catalogue.sqlite` (what is archived, and where) and `segments/`
/// (append-only files of compressed blocks). See `archive(_:)` for what an acknowledgement promises.
///
/// A store is opened either to write — one writer at a time, held by a lock file, and the only mode that repairs
/// a torn tail — or to read, which any number of processes may do alongside the writer.
public final class ArchiveStore {
    public enum Mode: Sendable { case readWrite, readOnly }

    public let directory: String
    public let options: ArchiveOptions
    let catalogue: Catalogue
    let segments: SegmentDirectory
    private let lock: StoreLock?
    /// Whether this store holds the writer's lock (opened `.readWrite`).
    var isWriter: Bool { lock != nil }
    /// The segment being appended to and where its catalogued data ends (writers only).
    var appendSegment: (number: Int, file: SegmentFile, end: Int)?
    /// Open segment files for reading, by number.
    var readers: [Int: SegmentFile] = [:]
    /// The last block decoded, kept because export and verify read a block's messages one after another.
    var lastBlock: (segment: Int, offset: Int, messages: [ArraySlice<UInt8>])?

    public init(directory: String, mode: Mode = .readWrite, options: ArchiveOptions = .default) throws(ArchiveError) {
        self.directory = directory
        self.options = options
        segments = SegmentDirectory(path: directory + "/segments")
        switch mode {
        case .readWrite:
            try options.modes.makeFolders(directory)
            try options.modes.makeFolders(segments.path)
            lock = try StoreLock(directory: directory, modes: options.modes)
            let cataloguePath = directory + "/catalogue.sqlite"
            let catalogueMissing = access(cataloguePath, F_OK) != 0
            if catalogueMissing || Self.isEmptyCatalogue(cataloguePath) {
                // A new store, or one whose catalogue is lost: never start an empty catalogue over archived blocks.
                let survey = try TailSurvey(
                    segments: segments, numbers: try segments.segments(), ends: [:], pending: [],
                    limit: Self.blockLimit(options))
                if let refusal = survey.refusal(
                    directory: directory, segments: segments,
                    catalogueState: catalogueMissing ? "is missing" : "is empty")
                {
                    throw refusal
                }
            }
            try Self.protectCatalogue(directory, modes: options.modes)
            let catalogue = try Catalogue(path: cataloguePath, readOnly: false)
            // The catalogue's files (database, write-ahead log) and segments/ must survive a crash as entries too.
            try SegmentDirectory.syncDirectory(directory)
            if let refusal = try SegmentAgreement.refusal(
                directory: directory, segments: segments, lastBlocks: try catalogue.lastBlocks())
            {
                throw refusal
            }
            // Surveyed before the store is whole, so that a refusal lets go of the lock at once.
            let survey = try TailSurvey(
                segments: segments, numbers: try segments.segments(), ends: try catalogue.segmentEnds(),
                pending: try catalogue.pendingBlocks(), limit: Self.blockLimit(options))
            if let refusal = survey.refusal(directory: directory, segments: segments) { throw refusal }
            self.catalogue = catalogue
            try repairTails(survey)
        case .readOnly:
            guard access(directory + "/catalogue.sqlite", R_OK) == 0 else {
                if let count = try? segments.segments().count, count > 0 {
                    throw .outOfStep(
                        "\(directory)/catalogue.sqlite is missing, but \(segments.path) holds archived mail"
                            + " (\(count) segment file\(count == 1 ? "" : "s")):"
                            + " rebuild the catalogue with: mailsift archive rebuild-catalogue --archive \(directory)")
                }
                throw .notFound("no archive at \(directory) (no catalogue.sqlite there)")
            }
            if Self.isEmptyCatalogue(directory + "/catalogue.sqlite") {
                throw .outOfStep(
                    "\(directory)/catalogue.sqlite is empty: rebuild it from the segments with:"
                        + " mailsift archive rebuild-catalogue --archive \(directory)")
            }
            lock = nil
            catalogue = try Catalogue(path: directory + "/catalogue.sqlite", readOnly: true)
        }
    }

    /// A catalogue file of 0 bytes with no write-ahead log: emptied (a failed disk, a bad restore), not new.
    static func isEmptyCatalogue(_ path: String) -> Bool {
        access(path, F_OK) == 0 && fileSize(path) == 0 && fileSize(path + "-wal") == 0
    }

    deinit {
        // Fold the write-ahead log into the database, so the catalogue is one file again and its size true.
        if lock != nil { _ = try? catalogue.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) } }
    }

    /// SQLite creates a database under the umask (0644 under the usual 022) and gives its -wal and -shm files
    /// the database's mode: so the database is created here, empty, with the store's mode, and an older
    /// archive's files are brought to it.
    private static func protectCatalogue(_ directory: String, modes: FileModes) throws(ArchiveError) {
        close(try modes.openArchiveFile(directory + "/catalogue.sqlite"))
        for suffix in ["-wal", "-shm"] { try modes.protectExisting(directory + "/catalogue.sqlite" + suffix) }
    }

    /// Bytes past the last catalogued block of a segment: a torn block or blocks pending from a writer that
    /// crashed before its commit are cut, so the next block starts where the catalogue expects. Complete blocks
    /// the catalogue does not know are never cut: `init` has refused to open already (see `TailSurvey`).
    private func repairTails(_ survey: TailSurvey) throws(ArchiveError) {
        let (numbers, ends) = (survey.numbers, survey.ends)
        for number in numbers {
            let file = try SegmentFile(path: segments.path(of: number), writable: true)
            let end = ends[number] ?? SegmentDirectory.fileHeader.count
            let size = try file.size()
            if size < SegmentDirectory.fileHeader.count {
                try file.truncate(to: 0)
                try file.write(SegmentDirectory.fileHeader, at: 0)
                try file.sync()
            } else if size > end, let cut = survey.cuts[number] {
                try file.truncate(to: cut)
                try file.sync()
            }
            if number == numbers.last { appendSegment = (number, file, max(end, SegmentDirectory.fileHeader.count)) }
        }
        if !survey.pending.isEmpty { try catalogue.clearPending() }
    }

    /// An open segment for reading.
    func reader(for segment: Int) throws(ArchiveError) -> SegmentFile {
        if let file = readers[segment] { return file }
        let path = segments.path(of: segment)
        guard access(path, F_OK) == 0 else { throw .corruptBlock("segment file \(path) is missing") }
        let file = try SegmentFile(path: path, writable: false)
        readers[segment] = file
        return file
    }

    /// The stored bytes of a block, and how errors name its place.
    private func storedBlock(segment: Int, offset: Int, length: Int) throws(ArchiveError) -> ([UInt8], String) {
        let place = "segment \(segments.path(of: segment)) at offset \(offset)"
        return (try reader(for: segment).read(at: offset, length: length), place)
    }

    /// Bytes a decoded block may claim: blocks close at `blockSize` unless one message alone is larger.
    var blockLimit: Int { Self.blockLimit(options) }
    static func blockLimit(_ options: ArchiveOptions) -> Int {
        max(options.blockSize, options.maxMessageBytes) + 4 * 1_000_000
    }

    /// One message of the block at `offset` in `segment`, decompressing no further than its end.
    func blockMessage(segment: Int, offset: Int, storedLength: Int, position: Int) throws(ArchiveError) -> ArraySlice<
        UInt8
    > {
        if let cached = lastBlock, cached.segment == segment, cached.offset == offset, position < cached.messages.count
        {
            return cached.messages[position]
        }
        let (stored, place) = try storedBlock(segment: segment, offset: offset, length: storedLength)
        return try BlockCodec.decodeOne(stored[...], position: position, at: place, limit: blockLimit)
    }

    /// The messages of the block at `offset` in `segment`, checked (CRC, lengths) but not yet hashed.
    func block(segment: Int, offset: Int, storedLength: Int) throws(ArchiveError) -> [ArraySlice<UInt8>] {
        if let cached = lastBlock, cached.segment == segment, cached.offset == offset { return cached.messages }
        let (stored, place) = try storedBlock(segment: segment, offset: offset, length: storedLength)
        let messages = try BlockCodec.decode(stored[...], at: place, limit: blockLimit)
        lastBlock = (segment, offset, messages)
        return messages
    }
}
