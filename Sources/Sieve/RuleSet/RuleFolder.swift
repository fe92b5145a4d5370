import Glibc

/// A folder of rule scripts: its `*.sieve` files (not dot-files) run in name order; `include :personal NAME`
/// reads NAME.sieve in it, `include :global NAME` reads NAME.sieve in `globalPath` (default: `global/` in it).
public struct RuleFolder: Sendable, Hashable {
    public var path: String
    /// Where `include :global` looks; nil for `global/` inside `path`.
    public var globalPath: String?
    /// Where `include :personal` looks; nil for `path` itself (`mailsift test --personal-dir`).
    public var personalPath: String?

    public init(path: String, globalPath: String? = nil, personalPath: String? = nil) {
        self.path = path
        self.globalPath = globalPath
        self.personalPath = personalPath
    }

    /// The folder `include :global NAME` reads.
    public var globalFolder: String { globalPath ?? RuleFolder.joined(path, "global") }

    /// What listing a folder found.
    enum Listing: Equatable {
        /// The `.sieve` names, sorted by their bytes (so the order does not depend on the locale).
        case names([String])
        /// No folder there: no rules, not an error.
        case missing
        /// The folder is there but cannot be listed, or holds too many scripts: why, for the user.
        case refused(String)
    }

    /// The script names in `path`, at most `limit` of them (more is refused, so a folder of a million files
    /// costs no more than `limit` names of memory).
    static func list(_ path: String, limit: Int) -> Listing {
        guard let directory = opendir(path) else {
            switch errno {
            case ENOENT: return .missing
            case ENOTDIR: return .refused("is not a folder")
            default: return .refused("cannot be read: \(String(cString: strerror(errno)))")
            }
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".sieve"), !name.hasPrefix(".") else { continue }
            guard names.count < limit else {
                return .refused("holds more than \(limit) .sieve files, the limit: none of them runs")
            }
            names.append(name)
        }
        return .names(names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    /// `folder/name`, without doubling a `/` the folder already ends with.
    static func joined(_ folder: String, _ name: String) -> String {
        if folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
