/// Compares values with keys under a comparator and match type (RFC 5228 2.7, RFC 4790, RFC 5231).
struct Matcher {
    let spec: MatchSpec

    /// Whether any value matches any key. For `:matches`, `captures` receives the match variables of the
    /// first match (RFC 5229 3.2: `${0}` the whole value, `${1}`… each wildcard); for `:regex`, the match and
    /// its groups. With `:regex`, `regexes` are the keys compiled.
    ///
    /// With `:contains`, `searches` are the keys prepared by the compiler (`KeyList.searches`), and `folded`,
    /// when given, holds each value with its ASCII letters in lower case, in the order of `values`, and `grams`
    /// the pairs and triples of bytes of each of those, or nil for a value without them (a key with one missing
    /// is not searched for).
    func test(
        values: [String], keys: [String], regexes: [SieveRegex?] = [], searches: [SubstringSearch]? = nil,
        folded: [[UInt8]]? = nil, grams: [ByteGrams?]? = nil, budget: inout StepBudget, captures: inout [String]?
    ) throws(StepBudget.Exhausted) -> Bool {
        if spec.matchType == .contains, let searches, searches.count == keys.count {
            // The same steps as `matchOne` charges, in the same order: only the search is faster.
            for index in values.indices {
                var value = values[index]
                let charge = value.utf8.count / 16 + 2
                let useFolded = folded.map { $0.count == values.count } ?? false
                let filter = grams.flatMap { $0.count == values.count ? $0[index] : nil }
                for search in searches {
                    try budget.spend(charge)
                    if let filter, !filter.mayContain(search.foldedNeedle) { continue }
                    let found =
                        useFolded
                        ? folded![index].withUnsafeBufferPointer { search.occurs(in: $0, folded: true) }
                        : value.withUTF8 { search.occurs(in: $0, folded: false) }
                    if found { return true }
                }
            }
            return false
        }
        if case .count(let op) = spec.matchType {
            let count = String(values.count)
            for key in keys {
                try budget.spend()
                if relate(count, key, op) { return true }
            }
            return false
        }
        if spec.matchType == .regex {
            // The patterns were compiled with the script (or once per run, for those built from variables);
            // nil is a pattern that does not compile, which matches nothing.
            for value in values {
                for regex in regexes {
                    try budget.spend()
                    guard let regex, try regex.matches(value, budget: &budget) else { continue }
                    if captures != nil { captures = try regex.match(value, budget: &budget) ?? [value] }
                    return true
                }
            }
            return false
        }
        for value in values {
            for key in keys {
                try budget.spend()
                if try matchOne(value, key, budget: &budget, captures: &captures) { return true }
            }
        }
        return false
    }

    private func matchOne(
        _ value: String, _ key: String, budget: inout StepBudget, captures: inout [String]?
    ) throws(StepBudget.Exhausted) -> Bool {
        switch spec.matchType {
        case .is:
            try budget.spend(value.utf8.count / 64)
            return equal(value, key)
        case .contains:
            try budget.spend(value.utf8.count / 16 + 1)
            return contains(value, key)
        case .matches:
            var found: [String] = []
            let matched =
                spec.comparator == .unicodeCasemap
                ? try Wildcard.matchCharacters(value, key, budget: &budget, captures: &found)
                : try Wildcard.matchBytes(
                    value, key, fold: spec.comparator == .asciiCasemap, budget: &budget, captures: &found)
            if matched, captures != nil { captures = [value] + found }
            return matched
        case .regex:
            return false  // handled in `test`, where each pattern is compiled once
        case .value(let op):
            return relate(value, key, op)
        case .count:
            return false
        }
    }

    /// A Character in lower case; one whose lower case is several characters stays as it is (`Character(_:)`
    /// would trap on such a string, and scripts and messages are hostile input).
    static func foldCharacter(_ character: Character) -> Character {
        let lowered = character.lowercased()
        return lowered.count == 1 ? Character(lowered) : character
    }

    func equal(_ a: String, _ b: String) -> Bool {
        switch spec.comparator {
        // Byte counts first, known without reading the bytes: a value compared with a list of keys (a link's host
        // with two dozen shorteners) differs in length from most of them.
        case .octet: a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
        case .asciiCasemap:
            a.utf8.count == b.utf8.count
                && a.utf8.elementsEqual(b.utf8, by: { ASCIIFold.lower($0) == ASCIIFold.lower($1) })
        case .unicodeCasemap: a.lowercased() == b.lowercased()
        case .asciiNumeric: NumericValue(a) == NumericValue(b)
        }
    }

    private func contains(_ value: String, _ key: String) -> Bool {
        switch spec.comparator {
        case .octet: ASCIIFold.contains(value, key, fold: false)
        case .asciiCasemap: ASCIIFold.contains(value, key, fold: true)
        case .unicodeCasemap: value.lowercased().contains(key.lowercased())
        case .asciiNumeric: false
        }
    }

    /// RFC 5231: `value op key` under the comparator's ordering.
    func relate(_ value: String, _ key: String, _ op: RelationalOperator) -> Bool {
        let order: Int
        switch spec.comparator {
        case .asciiNumeric: order = NumericValue(value).compare(NumericValue(key))
        case .octet: order = Self.compareBytes(Array(value.utf8), Array(key.utf8))
        case .asciiCasemap:
            order = Self.compareBytes(value.utf8.map(ASCIIFold.lower), key.utf8.map(ASCIIFold.lower))
        case .unicodeCasemap:
            order = Self.compareBytes(Array(value.lowercased().utf8), Array(key.lowercased().utf8))
        }
        switch op {
        case .gt: return order > 0
        case .ge: return order >= 0
        case .lt: return order < 0
        case .le: return order <= 0
        case .eq: return order == 0
        case .ne: return order != 0
        }
    }

    private static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

/// RFC 4790 9.1 `i;ascii-numeric`: the leading digits as a number; no leading digit means positive infinity.
struct NumericValue: Equatable {
    /// Digits without leading zeros; nil for infinity.
    let digits: [UInt8]?

    init(_ text: String) {
        let leading = text.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard !leading.isEmpty else {
            digits = nil
            return
        }
        let trimmed = leading.drop { $0 == 0x30 }
        digits = Array(trimmed)
    }

    func compare(_ other: NumericValue) -> Int {
        switch (digits, other.digits) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case (let a?, let b?):
            if a.count != b.count { return a.count < b.count ? -1 : 1 }
            for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
            return 0
        }
    }
}

enum ASCIIFold {
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The text's UTF-8 with its ASCII letters in lower case.
    static func folded(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = lower(buffer[index]) }
        }
        return bytes
    }

    /// Substring search on the strings' own UTF-8 storage (native strings are contiguous: no copy).
    static func contains(_ haystack: String, _ needle: String, fold: Bool) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in contains(h, n, fold: fold) } }
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, fold: Bool)
        -> Bool
    {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = fold ? lower(needle[0]) : needle[0]
        for start in 0...(haystack.count - needle.count) {
            let byte = fold ? lower(haystack[start]) : haystack[start]
            guard byte == first else { continue }
            var offset = 1
            while offset < needle.count {
                let a = fold ? lower(haystack[start + offset]) : haystack[start + offset]
                let b = fold ? lower(needle[offset]) : needle[offset]
                if a != b { break }
                offset += 1
            }
            if offset == needle.count { return true }
        }
        return false
    }
}
