/// IMAP flags as RFC 5232 handles them: a list of names, compared without case, split on white space.
struct FlagSet: Hashable {
    private(set) var flags: [String] = []

    /// Flags from a list of strings, each of which may hold several separated by spaces.
    static func parse(_ strings: [String]) -> [String] {
        strings.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) }
            .map(String.init)
    }

    mutating func set(_ new: [String]) {
        flags = []
        add(new)
    }

    mutating func add(_ new: [String]) {
        for flag in Self.parse(new) where !flags.contains(where: { $0.lowercased() == flag.lowercased() }) {
            flags.append(flag)
        }
    }

    mutating func remove(_ old: [String]) {
        let lowered = Set(Self.parse(old).map { $0.lowercased() })
        flags.removeAll { lowered.contains($0.lowercased()) }
    }

    /// Stored as one space-separated string in a variable (RFC 5232 3).
    var text: String { flags.joined(separator: " ") }

    init(text: String = "") {
        // Every run starts from an empty set: no list to split then.
        if !text.isEmpty { add([text]) }
    }
}
