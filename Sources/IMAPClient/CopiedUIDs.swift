import IMAPCore

/// What COPYUID (UIDPLUS, RFC 4315) says a COPY or MOVE did: the UIDs the messages got in the destination.
/// With it, a restarted daemon can tell which copies of a crashed batch exist.
public struct CopiedUIDs: Sendable, Hashable {
    /// One message: its UID in the source mailbox and in the destination.
    public struct Pair: Sendable, Hashable {
        public var source: UInt32
        public var destination: UInt32

        public init(source: UInt32, destination: UInt32) {
            self.source = source
            self.destination = destination
        }
    }

    /// The destination's UIDVALIDITY: the destination UIDs mean something only while it holds.
    public var uidValidity: UInt32
    /// In the order the server gave them (ascending source UIDs on the servers seen).
    public var pairs: [Pair]

    public init(uidValidity: UInt32, pairs: [Pair]) {
        self.uidValidity = uidValidity
        self.pairs = pairs
    }

    /// The destination UID of the message that was `source`, nil if it was not copied.
    public func destination(of source: UInt32) -> UInt32? { pairs.first { $0.source == source }?.destination }

    /// The pairs of a COPYUID code, checked against the command that caused it: the source set must name only
    /// UIDs that were asked for, the destination set as many UIDs as the source set, and together no more than
    /// `maxPairs` (a COPY of `1:*` could otherwise make the client expand four billion UIDs). A server that
    /// breaks any of these gets a protocol violation, and no set is expanded before its size is known.
    static func pairs(source: UIDSet, destination: UIDSet, requested: UIDSet, maxPairs: Int) throws -> [Pair] {
        let count = source.count
        guard count == destination.count else {
            throw IMAPClientError.protocolViolation(
                "COPYUID names \(count) source messages but \(destination.count) destination messages")
        }
        guard count <= maxPairs else {
            throw IMAPClientError.limit(
                "COPYUID names \(count) messages, more than \(maxPairs) (IMAPLimits.maxSearchResults)")
        }
        let asked = requested.mergedRanges()
        guard source.ranges.allSatisfy({ range in asked.covers(range) }) else {
            throw IMAPClientError.protocolViolation(
                "COPYUID names source messages \(source) that were not asked for (\(requested))")
        }
        return zip(source.ranges.lazy.flatMap { $0 }, destination.ranges.lazy.flatMap { $0 }).map {
            Pair(source: $0, destination: $1)
        }
    }
}

extension [ClosedRange<UInt32>] {
    /// Whether one of these sorted, disjoint ranges holds all of `range` (a binary search).
    fileprivate func covers(_ range: ClosedRange<UInt32>) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle].upperBound < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low].lowerBound <= range.lowerBound && range.upperBound <= self[low].upperBound
    }
}
