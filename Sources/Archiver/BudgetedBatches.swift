extension Array {
    /// The elements in order, cut into batches of at most `maxCount` elements and `maxBytes` bytes by `size`
    /// (an element larger than that goes alone): the archive run's fetches and the restore's appends.
    func budgetedBatches(maxCount: Int = .max, maxBytes: Int, size: (Element) -> Int) -> [[Element]] {
        var batches: [[Element]] = []
        var current: [Element] = []
        var bytes = 0
        for element in self {
            let elementSize = size(element)
            if !current.isEmpty && (current.count >= Swift.max(1, maxCount) || bytes + elementSize > maxBytes) {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(element)
            bytes += elementSize
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
