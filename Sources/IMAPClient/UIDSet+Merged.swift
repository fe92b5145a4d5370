import IMAPCore

extension UIDSet {
    /// The ranges sorted, with overlapping and touching ones joined: `5,1:3,4` is `1:5`. A set from the caller
    /// or the server may come in any order and overlap.
    func mergedRanges() -> [ClosedRange<UInt32>] {
        var merged: [ClosedRange<UInt32>] = []
        for next in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, last.upperBound == .max || next.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, next.upperBound)
            } else {
                merged.append(next)
            }
        }
        return merged
    }
}
