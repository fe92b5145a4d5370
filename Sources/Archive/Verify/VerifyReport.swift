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
        var report = VerifyReport()
        let blocks = try catalogue.allBlocks()
        for (index, block) in blocks.enumerated() {
            let place = "\(segments.path(of: block.segment)) offset \(block.offset)"
            report.blocksChecked += 1
            do {
                let messages = try self.block(
                    segment: block.segment, offset: block.offset, storedLength: block.storedLength)
                for content in block.contents {
                    report.messagesChecked += content.messageIDs.count
                    if content.position >= messages.count {
                        report.problems.append(
                            .init(
                                place: place, messageIDs: content.messageIDs, reason: "message missing from its block"))
                    } else if ContentHash.of(messages[content.position]) != content.sha256 {
                        report.problems.append(
                            .init(
                                place: place, messageIDs: content.messageIDs, reason: "bytes do not match their SHA-256"
                            ))
                    }
                }
            } catch _ where block.contents.isEmpty {
                // Nothing is catalogued here any more (its contents were stored again, after damage): no mail lost.
            } catch {
                report.messagesChecked += block.contents.reduce(0) { $0 + $1.messageIDs.count }
                report.problems.append(
                    .init(place: place, messageIDs: block.contents.flatMap(\.messageIDs), reason: error.message))
            }
            lastBlock = nil
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
}
