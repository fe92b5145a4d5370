/// What lies past the catalogued end of each segment, and whether a writer may cut it.
///
/// Bytes past the last catalogued block were never acknowledged only if the catalogue is up to date. A torn
/// block, or a complete block listed as pending (written by a writer that crashed before its commit), may be
/// cut. A complete, checksum-valid block the catalogue does not know means the catalogue is missing, emptied or
/// older than the segments: cutting would destroy archived mail, so the writer refuses to open instead.
struct TailSurvey {
    struct UnknownBlock {
        var segment: Int
        var offset: Int
        var messages: Int
    }

    var unknownBlocks: [UnknownBlock] = []
    /// For each segment with bytes that may go, where to cut it.
    var cuts: [Int: Int] = [:]
    /// What the survey was made against: segments on disk, catalogued ends, pending blocks.
    let numbers: [Int]
    let ends: [Int: Int]
    let pending: Set<PendingBlock>

    init(
        segments: SegmentDirectory, numbers: [Int], ends: [Int: Int], pending: Set<PendingBlock>, limit: Int
    ) throws(ArchiveError) {
        self.numbers = numbers
        self.ends = ends
        self.pending = pending
        for number in numbers {
            let scan = try SegmentScan(
                file: try SegmentFile(path: segments.path(of: number), writable: false), limit: limit)
            let end = max(ends[number] ?? 0, SegmentDirectory.fileHeader.count)
            guard scan.size > end else { continue }
            var onlyPending = true
            try scan.scan(from: end) { finding in
                switch finding {
                case .block(let offset, let length, let header):
                    let block = PendingBlock(
                        segment: number, offset: offset, storedLength: length, payloadCRC: header.payloadCRC)
                    if !pending.contains(block) {
                        unknownBlocks.append(
                            UnknownBlock(segment: number, offset: offset, messages: Int(header.messageCount)))
                    }
                case .unreadable:
                    onlyPending = false
                }
                return true
            }
            // Torn bytes come only from the segment being appended to, the last; elsewhere they are left alone.
            if onlyPending || number == numbers.last { cuts[number] = end }
        }
    }

    /// The writer's refusal, naming the first unknown block and what to run.
    /// `catalogueState` says what is wrong with the catalogue ("is missing"), nil when it merely lacks rows.
    func refusal(directory: String, segments: SegmentDirectory, catalogueState: String? = nil) -> ArchiveError? {
        guard let first = unknownBlocks.first else { return nil }
        let messages = unknownBlocks.reduce(0) { $0 + $1.messages }
        let inSegments = Set(unknownBlocks.map(\.segment)).count
        let state =
            catalogueState.map { "catalogue.sqlite \($0)" }
            ?? "catalogue.sqlite does not record them (restored from an older copy?)"
        return .outOfStep(
            "the catalogue of \(directory) is out of step with its segments: \(unknownBlocks.count) complete blocks"
                + " (\(messages) messages) in \(inSegments) segment\(inSegments == 1 ? "" : "s"), the first in"
                + " \(segments.path(of: first.segment)) at offset \(first.offset), are archived but \(state)."
                + " Nothing was changed. Rebuild the catalogue from the segments before writing:"
                + " mailsift archive rebuild-catalogue --archive \(directory)")
    }
}
