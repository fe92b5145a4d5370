/// The outcome of `ArchiveStore.verify()`: what was checked, and every damaged place with the messages it holds.
public struct VerifyReport: Sendable {
    public struct Problem: Sendable {
        /// Segment file and offset of the block concerned.
        public var place: String
        /// The catalogue ids of the messages that cannot be read back intact.
        public var messageIDs: [Int64]
        public var reason: String
    }

    public var blocksChecked = 0
    public var messagesChecked = 0
    public var problems: [Problem] = []
    /// Complete blocks past a segment's catalogued end that the catalogue does not record (it is missing rows:
    /// emptied, or restored from an older copy). Their messages are intact but cannot be found until
    /// `rebuildCatalogue` runs; `messageIDs` is empty.
    public var uncatalogued: [Problem] = []

    public var isClean: Bool { problems.isEmpty && uncatalogued.isEmpty }
    /// Messages held by the uncatalogued blocks.
    public var uncataloguedMessages = 0
    public var damagedMessageIDs: [Int64] { problems.flatMap(\.messageIDs).sorted() }
}

extension ArchiveStore {
    /// Recomputes every checksum: each block's CRC-32 and, after decompression, each message's SHA-256. Then
    /// reads past each segment's catalogued end and reports complete blocks the catalogue does not record
    /// (blocks a crashed writer left pending, and torn bytes, are not problems: the next writer cuts them).
    /// Catalogued blocks in a missing segment, or past its end, are reported as damage.
    public func verify(progress: (Int, Int) -> Void = { _, _ in }) throws(ArchiveError) -> VerifyReport {
        try verify(blocks: try catalogue.allBlocks(), progress: progress)
    }

    /// Verifies `blocks`, as the catalogue listed them at the start.
    func verify(blocks: [CataloguedBlock], progress: (Int, Int) -> Void = { _, _ in }) throws(ArchiveError)
        -> VerifyReport
    {
        var report = VerifyReport()
        for (index, block) in blocks.enumerated() {
            report.blocksChecked += 1
            report.messagesChecked += block.contents.reduce(0) { $0 + $1.messageIDs.count }
            var problems = check(block)
            // Moved by `settle` (in the writer's process) since the catalogue was read: checked where it is now.
            if !problems.isEmpty, let now = try catalogue.place(ofBlock: block.id),
                (now.segment, now.offset) != (block.segment, block.offset)
            {
                var moved = block
                (moved.segment, moved.offset, moved.storedLength) = (now.segment, now.offset, now.storedLength)
                problems = check(moved)
            }
            report.problems += problems
            progress(index + 1, blocks.count)
        }
        let survey = try TailSurvey(
            segments: segments, numbers: try segments.segments(), ends: try catalogue.segmentEnds(),
            pending: try catalogue.pendingBlocks(), limit: blockLimit)
        for block in survey.unknownBlocks {
            report.uncataloguedMessages += block.messages
            report.uncatalogued.append(
                .init(
                    place: "\(segments.path(of: block.segment)) offset \(block.offset)", messageIDs: [],
                    reason: "a complete block of \(block.messages) messages that the catalogue does not record"))
        }
        return report
    }

    /// The problems of one block: its CRC and lengths, then each content's SHA-256.
    private func check(_ block: CataloguedBlock) -> [VerifyReport.Problem] {
        let place = "\(segments.path(of: block.segment)) offset \(block.offset)"
        defer { lastBlock = nil }
        do {
            let messages = try self.block(
                segment: block.segment, offset: block.offset, storedLength: block.storedLength)
            return block.contents.compactMap { content in
                if content.position >= messages.count {
                    return .init(place: place, messageIDs: content.messageIDs, reason: "message missing from its block")
                }
                if ContentHash.of(messages[content.position]) != content.sha256 {
                    return .init(
                        place: place, messageIDs: content.messageIDs, reason: "bytes do not match their SHA-256")
                }
                return nil
            }
        } catch _ where block.contents.isEmpty {
            // Nothing is catalogued here any more (its contents were stored again, after damage): no mail lost.
            return []
        } catch {
            return [.init(place: place, messageIDs: block.contents.flatMap(\.messageIDs), reason: error.message)]
        }
    }
}
