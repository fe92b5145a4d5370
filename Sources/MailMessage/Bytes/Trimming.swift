extension String {
    /// The string without leading and trailing characters from `set` (a small, Foundation-free trim).
    func trimming(_ set: String) -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

extension Substring {
    func trimming(_ set: String) -> String { String(self).trimming(set) }
}
