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

    public var isClean: Bool { problems.isEmpty }
    public var damagedMessageIDs: [Int64] { problems.flatMap(\.messageIDs).sorted() }
}

extension ArchiveStore {
    /// Recomputes every checksum: each block's CRC-32 and, after decompression, each message's SHA-256.
    public func verify(progress: (Int, Int) -> Void = { _, _ in }) throws(ArchiveError) -> VerifyReport {
        var report = VerifyReport()
        let blocks = try catalogue.allBlocks()
        for (index, block) in blocks.enumerated() {
            let place = "\(segments.path(of: block.segment)) offset \(block.offset)"
            report.blocksChecked += 1
            do {
                let messages = try self.block(segment: block.segment, offset: block.offset, storedLength: block.storedLength)
                for content in block.contents {
                    report.messagesChecked += content.messageIDs.count
                    if content.position >= messages.count {
                        report.problems.append(.init(place: place, messageIDs: content.messageIDs, reason: "message missing from its block"))
                    } else if ContentHash.of(messages[content.position]) != content.sha256 {
                        report.problems.append(.init(place: place, messageIDs: content.messageIDs, reason: "bytes do not match their SHA-256"))
                    }
                }
            } catch {
                report.messagesChecked += block.contents.reduce(0) { $0 + $1.messageIDs.count }
                report.problems.append(.init(place: place, messageIDs: block.contents.flatMap(\.messageIDs), reason: error.message))
            }
            lastBlock = nil
            progress(index + 1, blocks.count)
        }
        return report
    }
}
