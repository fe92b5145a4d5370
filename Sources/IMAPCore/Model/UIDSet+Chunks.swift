extension UIDSet {
    /// The set cut into sets whose written form is at most `maxBytes` long (ranges kept whole), so command
    /// lines stay within what servers take: RFC 7162 3.2.1 asks clients to keep lines near 8192 octets (Dovecot
    /// takes 64 KiB). Not much shorter: each command costs the server a mailbox sync, and scattered UIDs (a
    /// sorted folder's) cut at 1,000 bytes made a sort of 10,000 messages three times slower.
    public func chunked(maxBytes: Int = 8000) -> [UIDSet] {
        var chunks: [UIDSet] = []
        var current: [ClosedRange<UInt32>] = []
        var length = 0
        for range in ranges {
            let text =
                range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound):\(range.upperBound)"
            let added = text.utf8.count + (current.isEmpty ? 0 : 1)
            if !current.isEmpty && length + added > maxBytes {
                chunks.append(UIDSet(current))
                current = []
                length = 0
            }
            length += current.isEmpty ? text.utf8.count : added
            current.append(range)
        }
        if !current.isEmpty { chunks.append(UIDSet(current)) }
        return chunks
    }

    /// The smallest set of ranges holding `uids` (sorted, duplicates merged, neighbours joined).
    public init<UIDs: Sequence>(uids: UIDs) where UIDs.Element == UInt32 {
        var ranges: [ClosedRange<UInt32>] = []
        for uid in Set(uids).sorted() {
            if let last = ranges.last, last.upperBound != UInt32.max, last.upperBound + 1 == uid {
                ranges[ranges.count - 1] = last.lowerBound...uid
            } else {
                ranges.append(uid...uid)
            }
        }
        self.init(ranges)
    }
}
