import Foundation
import Glibc

/// Settling: blocks written at the fast `compressionLevel` are recompressed at `settledLevel` later, when time
/// allows, so that writing is quick and the store still ends small.
///
/// A block is moved, never rewritten in place: its new copy is appended to a segment newer than any other, made
/// durable, read back from disk and every message's SHA-256 checked; then one catalogue commit points the block
/// (same id, same blobs, same messages) at the new copy and lists the old copy as pending; then the old copy is
/// cut from its segment. A crash leaves the old copy catalogued and the new one pending (cut by the next writer),
/// or the new one catalogued and the old one pending: each message is always in a catalogued block, never in
/// none, and never catalogued twice.
///
/// Old copies are cut, so blocks are taken from the end of each segment backwards: the blocks after a segment's
/// first unsettled block all move (settled ones as they are), and the segment shrinks to its remaining blocks, or
/// is removed once empty. Storage order changes; export follows the blocks' ids, which keep archival order.
extension ArchiveStore {
    /// Indexes the text of messages archived with it left waiting (`indexPendingText`), then recompresses
    /// unsettled blocks until none is left, `maxSeconds` have passed or `maxBlocks` blocks have
    /// moved (checked between blocks: one block, at most `blockSize` raw bytes, may run past the time).
    ///
    /// Needs the writer's lock (a store opened `.readWrite`), so no other process writes meanwhile; within a
    /// process, do not call `archive` on the same store at the same time. Readers in other processes keep
    /// working: a reader that looked up a block just before it moved looks it up again (`message`, `verify`).
    public func settle(
        maxSeconds: Double? = nil, maxBlocks: Int? = nil, progress: (SettleReport) -> Void = { _ in }
    ) throws(ArchiveError) -> SettleReport {
        guard isWriter else { throw .input("settling \(directory) needs it opened for writing") }
        let clock = ContinuousClock()
        let start = clock.now
        var report = SettleReport()
        defer { lastBlock = nil }
        // Text waiting for the index first: it is what search misses, and far quicker than recompressing.
        report.textIndex = try indexPendingText(maxSeconds: maxSeconds)
        // Stopped at its time with messages it has not tried yet: the next slice goes on from there. Messages
        // found unreadable do not count (retrying them would spend every slice on them, and never end).
        if report.textIndex.untriedLeft > 0 {
            report.stoppedAtLimit = true
            (report.unsettledBlocksLeft, report.unsettledBytesLeft) = try catalogue.unsettled(
                below: options.settledLevel)
            return report
        }
        try removeEmptiedSegments(&report)
        let candidates = try catalogue.settleCandidates(below: options.settledLevel)
        let sources = Set(candidates.map(\.segment))
        // Settled blocks go on at the end of the newest segment when it holds no unsettled block (a run that
        // resumes an interrupted one), else into a new segment.
        var target: (number: Int, file: SegmentFile, end: Int)? =
            appendSegment.flatMap { sources.contains($0.number) ? nil : $0 }
        outer: for number in sources.sorted(by: >) {
            let blocks = candidates.filter { $0.segment == number }
            guard let first = blocks.firstIndex(where: isUnsettled) else { continue }
            let source = try SegmentFile(path: segments.path(of: number), writable: true)
            var emptied = first == blocks.startIndex
            for block in blocks[first...].reversed() {
                if let maxBlocks, report.blocksMoved >= maxBlocks { report.stoppedAtLimit = true }
                if let maxSeconds, clock.now - start >= .seconds(maxSeconds) { report.stoppedAtLimit = true }
                if report.stoppedAtLimit { break outer }
                guard try move(block, from: source, into: &target, report: &report) else {
                    emptied = false
                    break
                }
                progress(report)
            }
            if emptied { try removeSegment(number, report: &report) }
        }
        let left = try catalogue.unsettled(below: options.settledLevel)
        (report.unsettledBlocksLeft, report.unsettledBytesLeft) = left
        if left.blocks == 0 { report.stoppedAtLimit = false }
        return report
    }

    private func isUnsettled(_ block: SettleCandidate) -> Bool {
        block.level.map { $0 < Int(options.settledLevel) } ?? false
    }

    /// Moves one block, the last catalogued one of `source`; false when it is damaged and stays where it is.
    private func move(
        _ block: SettleCandidate, from source: SegmentFile,
        into target: inout (number: Int, file: SegmentFile, end: Int)?,
        report: inout SettleReport
    ) throws(ArchiveError) -> Bool {
        let place = "segment \(source.path) at offset \(block.offset)"
        let stored = try source.read(at: block.offset, length: block.storedLength)
        let contents = try catalogue.contents(ofBlock: block.id)
        let old = PendingBlock(
            segment: block.segment, offset: block.offset, storedLength: block.storedLength,
            payloadCRC: (try? BlockHeader(decoding: stored[...], at: place))?.payloadCRC ?? 0)
        var newStored = stored
        var level = block.level
        do throws(ArchiveError) {
            let messages = try BlockCodec.decode(stored[...], at: place, limit: blockLimit)
            try Self.check(messages, holds: contents, at: place)
            if isUnsettled(block) {
                newStored = try BlockCodec.encode(messages.map { Array($0) }, level: options.settledLevel)
                level = Int(BlockHeader.recordedLevel(options.settledLevel))
            }
        } catch {
            guard contents.isEmpty else {
                report.damaged.append("\(place): \(error.message)")
                return false
            }
            // Nothing refers to this block any more (its contents were stored again after damage): dropped.
            try catalogue.moveBlock(block.id, to: nil, leaving: old)
            try cut(source, to: block.offset)
            report.blocksDropped += 1
            return true
        }
        let into = try settleTarget(&target, room: newStored.count)
        let header = try BlockHeader(decoding: newStored[...], at: place)
        try catalogue.recordPending(
            PendingBlock(
                segment: into.number, offset: into.end, storedLength: newStored.count, payloadCRC: header.payloadCRC))
        do throws(ArchiveError) {
            try into.file.write(newStored, at: into.end)
            FaultPoint.reach(.settleWritten)
            try into.file.sync()
            into.file.dropCache()
            let newPlace = "settled block in \(into.file.path) at offset \(into.end)"
            let readBack = try into.file.read(at: into.end, length: newStored.count)
            guard readBack == newStored else {
                throw ArchiveError.corruptBlock("\(newPlace): read back different from what was written")
            }
            try Self.check(
                try BlockCodec.decode(readBack[...], at: newPlace, limit: blockLimit), holds: contents, at: newPlace)
            FaultPoint.reach(.settleSynced)
        } catch {
            try? into.file.truncate(to: into.end)
            try? into.file.sync()
            throw error
        }
        try catalogue.moveBlock(
            block.id,
            to: SettleCandidate(
                id: block.id, segment: into.number, offset: into.end, storedLength: newStored.count, level: level),
            leaving: old)
        FaultPoint.reach(.settleCommitted)
        target = (into.number, into.file, into.end + newStored.count)
        // The newest segment: where the next `archive` appends.
        appendSegment = target
        try cut(source, to: block.offset)
        if isUnsettled(block) { report.blocksSettled += 1 } else { report.blocksCopied += 1 }
        report.bytesBefore += Int64(block.storedLength)
        report.bytesAfter += Int64(newStored.count)
        return true
    }

    /// Cuts the old copy (the source's last block) once the catalogue no longer names it, then forgets it as
    /// pending.
    private func cut(_ source: SegmentFile, to offset: Int) throws(ArchiveError) {
        try source.truncate(to: offset)
        try source.sync()
        FaultPoint.reach(.settleCut)
        try catalogue.clearPending()
    }

    /// Every catalogued content of a block, by position, against its SHA-256.
    private static func check(
        _ messages: [ArraySlice<UInt8>], holds contents: [(position: Int, sha256: Data)], at place: String
    ) throws(ArchiveError) {
        for content in contents {
            guard content.position < messages.count, ContentHash.of(messages[content.position]) == content.sha256 else {
                throw .corruptBlock("\(place): message \(content.position + 1) of the block does not match its SHA-256")
            }
        }
    }

    /// The segment settled blocks go to: the newest, unless it holds unsettled blocks or is past the segment size,
    /// in which case a new one (newer than every other) is begun.
    private func settleTarget(
        _ target: inout (number: Int, file: SegmentFile, end: Int)?, room: Int
    ) throws(ArchiveError) -> (number: Int, file: SegmentFile, end: Int) {
        if let current = target, current.end + room <= options.segmentSize { return current }
        let number = (try segments.segments().last ?? 0) + 1
        let file = try segments.create(number, modes: options.modes)
        target = (number, file, SegmentDirectory.fileHeader.count)
        appendSegment = target
        return target!
    }

    /// Removes segment `number` once the catalogue records nothing in it and it holds no block (only its file
    /// header): never the newest segment, which the next write appends to.
    private func removeSegment(_ number: Int, report: inout SettleReport) throws(ArchiveError) {
        let path = segments.path(of: number)
        // The size first: it rules out every segment that holds blocks without asking the catalogue.
        guard Self.fileSize(path) <= Int64(SegmentDirectory.fileHeader.count),
            number != (try segments.segments().last), try catalogue.segmentEnds()[number] == nil
        else { return }
        guard unlink(path) == 0 else { throw .io("cannot remove the emptied segment \(path)", errno: errno) }
        readers[number] = nil
        try SegmentDirectory.syncDirectory(segments.path)
        report.segmentsRemoved += 1
    }

    /// Segments an interrupted run emptied but could not remove.
    private func removeEmptiedSegments(_ report: inout SettleReport) throws(ArchiveError) {
        for number in try segments.segments().dropLast() { try removeSegment(number, report: &report) }
    }
}
