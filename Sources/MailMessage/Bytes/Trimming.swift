extension StringProtocol {
    /// The text without leading and trailing characters from `set`: a small, Foundation-free trim.
    ///
    /// It finds both ends first and slices once, so it stays linear.
    func trimming(_ set: String) -> String {
        let scalars = String(self).unicodeScalars
        let members = set.unicodeScalars
        guard let first = scalars.firstIndex(where: { !members.contains($0) }),
            let last = scalars.lastIndex(where: { !members.contains($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
