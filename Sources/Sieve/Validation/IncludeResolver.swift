/// How `include` finds scripts: the daemon (or `mailsift test`) supplies the lookup, so the compiler never
/// reads files itself and no name can reach outside the folders the caller allows.
public struct IncludeResolver: Sendable {
    /// What a lookup found.
    public enum Lookup: Sendable, Equatable {
        case found([UInt8])
        case missing
        /// The script is there but may not be read (a symbolic link out of its folder, a FIFO…): `reason` says
        /// why in words for the user, and never quotes the file.
        case refused(String)
    }

    public var lookup: @Sendable (IncludeLocation, String) -> Lookup

    public init(lookup: @escaping @Sendable (IncludeLocation, String) -> Lookup) {
        self.lookup = lookup
    }

    /// A lookup that only finds or misses.
    public init(source: @escaping @Sendable (IncludeLocation, String) -> [UInt8]?) {
        lookup = { location, name in source(location, name).map { .found($0) } ?? .missing }
    }

    /// The source of a script, or nil when it does not exist or may not be read.
    public func source(_ location: IncludeLocation, _ name: String) -> [UInt8]? {
        if case .found(let bytes) = lookup(location, name) { return bytes }
        return nil
    }

    /// No script can be included.
    public static let none = IncludeResolver { _, _ in nil }

    /// RFC 6609 script names: not empty, no `/`, no control characters, not `.` or `..`, at most 255 bytes, so a
    /// name is always one file inside its folder.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count <= 255 else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }
}

/// What the compiler knows about the include chain while it compiles (cycles, depth, the compiled cache).
final class IncludeContext: @unchecked Sendable {
    let resolver: IncludeResolver
    let maxDepth: Int
    let maxScripts: Int
    /// The chain of scripts being compiled, outermost first (`personal:main`, …).
    var stack: [String]
    var compiled: [String: IncludedScript] = [:]

    init(resolver: IncludeResolver, root: String, maxDepth: Int, maxScripts: Int) {
        self.resolver = resolver
        self.stack = [root]
        self.maxDepth = maxDepth
        self.maxScripts = maxScripts
    }
}

/// Numbers the distinct sets of literal header names (with the address part) that tests read, across a script
/// and everything it includes, so a run caches their values in an array instead of a dictionary.
final class ValueSlots: @unchecked Sendable {
    private var numbers: [String: Int] = [:]

    var count: Int { numbers.count }

    func slot(for key: String) -> Int {
        if let number = numbers[key] { return number }
        numbers[key] = numbers.count
        return numbers.count - 1
    }
}
