/// A folder pattern of the configuration (`folders`, `exclude_folders`, `[archive.folders."…"]`), matched against
/// a whole folder name with `/` between its levels: `*` any text, `%` any text without `/` (one level), `?` one
/// character, anything else itself. `INBOX` is matched in any case, as IMAP names it (RFC 3501 5.1).
public struct FolderPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        self.text = text
        scalars = Array(Self.normalized(text).unicodeScalars)
    }

    public var description: String { text }

    /// Characters that must match themselves: the pattern with more of them is the more specific.
    var literalCount: Int { scalars.filter { $0 != "*" && $0 != "%" && $0 != "?" }.count }

    /// Whether `folder` matches the whole pattern. Work is bounded by the product of both lengths (each at most
    /// `ConfigurationLimits.folderBytes`), whatever the pattern: no backtracking.
    public func matches(_ folder: String) -> Bool {
        let name = Array(Self.normalized(folder).unicodeScalars)
        // reachable[j]: the pattern's first i scalars can match the name's first j.
        var reachable = [Bool](repeating: false, count: name.count + 1)
        reachable[0] = true
        for scalar in scalars {
            var next = [Bool](repeating: false, count: name.count + 1)
            switch scalar {
            case "*", "%":
                var open = false
                for j in 0...name.count {
                    if reachable[j] { open = true }
                    next[j] = open
                    if j < name.count, scalar == "%", name[j] == "/" { open = false }
                }
            default:
                for j in 0..<name.count where reachable[j] && (scalar == "?" || name[j] == scalar) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[name.count]
    }

    /// `inbox/Projets` → `INBOX/Projets`: INBOX is one folder in any case.
    static func normalized(_ name: String) -> String {
        let head = name.prefix(5)
        guard head.uppercased() == "INBOX" else { return name }
        let rest = name.dropFirst(5)
        return rest.isEmpty || rest.hasPrefix("/") ? "INBOX" + rest : name
    }
}
