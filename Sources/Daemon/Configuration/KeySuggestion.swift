import Foundation

/// "did you mean password_file?" for an unknown key: the known key closest to it, by edit distance (a letter
/// added, removed, changed, or two swapped), when it is close enough to be a typo.
enum KeySuggestion {
    static func closest(to key: String, among known: [String]) -> String? {
        let typed = Array(key.lowercased().replacingOccurrences(of: "-", with: "_").unicodeScalars)
        guard !typed.isEmpty, typed.count <= 64 else { return nil }
        let allowed = max(1, min(3, typed.count / 3))
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(typed, Array(candidate.unicodeScalars))
            if distance <= allowed && distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.key
    }

    /// Optimal string alignment distance; both sides are short (keys, at most 64 scalars).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
