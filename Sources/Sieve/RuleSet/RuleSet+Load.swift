import Crypto

extension RuleSet {
    /// Loads the scripts of `folders`, in that order. A folder that does not exist adds nothing (a user who
    /// removed their folder has no rules); one that cannot be listed is reported under its own path.
    /// A file removed between the listing and its reading is taken as gone, not as an error.
    public static func load(_ folders: [RuleFolder], limits: SieveLimits = .default, explainable: Bool = false)
        -> RuleSet
    {
        var loader = RuleSetLoader(limits: limits, explainable: explainable)
        for folder in folders {
            switch RuleFolder.list(folder.path, limit: limits.maxRuleFiles) {
            case .missing: continue
            case .refused(let reason): loader.refuse(folder.path, reason)
            case .names(let names):
                for name in names {
                    loader.add(
                        RuleFolder.joined(folder.path, name), within: folder.path,
                        includes: (folder.personalPath ?? folder.path, folder.globalFolder), listed: true)
                }
            }
        }
        return loader.ruleSet
    }

    /// Loads script files named one by one (`mailsift test FILE`, `mailsift check FILE…`), in that order. Each
    /// is read only within its own folder; `include :personal` reads `personalPath` (default: the file's folder)
    /// and `include :global` reads `globalPath` (default: `global/` in the file's folder). A file that does not
    /// exist is reported.
    public static func load(
        files: [String], personalPath: String? = nil, globalPath: String? = nil, limits: SieveLimits = .default,
        explainable: Bool = false
    ) -> RuleSet {
        var loader = RuleSetLoader(limits: limits, explainable: explainable)
        for file in files {
            let folder = RuleSetLoader.folder(of: file)
            loader.add(
                file, within: folder,
                includes: (personalPath ?? folder, globalPath ?? RuleFolder.joined(folder, "global")), listed: false)
        }
        return loader.ruleSet
    }
}

/// Reads, compiles and fingerprints scripts one at a time into a `RuleSet`.
struct RuleSetLoader {
    let limits: SieveLimits
    let explainable: Bool
    private var scripts: [RuleSet.Script] = []
    private var reports: [RuleSet.FileReport] = []
    private var digest = SHA256()

    init(limits: SieveLimits, explainable: Bool) {
        self.limits = limits
        self.explainable = explainable
    }

    var ruleSet: RuleSet {
        let hex = digest.finalize().map { String(format: "%02x", $0) }.joined()
        return RuleSet(scripts: scripts, reports: reports, fingerprint: hex)
    }

    /// A folder or file that is not read, and why: reported, and part of the fingerprint.
    mutating func refuse(_ path: String, _ reason: String) {
        digest.field("unread", path, reason)
        reports.append(RuleSet.FileReport(path: path, unreadable: reason))
    }

    /// Reads and compiles one script; `listed` files that vanished since the listing are skipped.
    mutating func add(_ path: String, within folder: String, includes: (personal: String, global: String), listed: Bool)
    {
        let bytes: [UInt8]
        switch RuleFile.read(path, within: folder, limit: limits.maxScriptSize) {
        case .success(let read): bytes = read
        case .failure(.missing):
            if listed { return }
            refuse(path, "cannot be read: it does not exist")
            return
        case .failure(.refused(let reason)):
            refuse(path, reason)
            return
        }
        digest.field("file", path, bytes)
        let recorder = IncludeRecorder()
        let name = Self.scriptName(path)
        let result = SieveCompiler.compile(
            bytes, limits: limits, name: (.personal, name),
            includes: Self.resolver(includes, limit: limits.maxScriptSize, recorder: recorder),
            explainable: explainable)
        for lookup in recorder.lookups { digest.field("include", lookup.key, lookup.value) }
        reports.append(RuleSet.FileReport(path: path, diagnostics: result.diagnostics))
        if let compiled = result.script { scripts.append(RuleSet.Script(path: path, compiled: compiled)) }
    }

    /// Include lookup: names were checked by the compiler (no `/`), and `RuleFile` follows no link out of
    /// these folders. Each lookup is recorded for the fingerprint.
    static func resolver(_ folders: (personal: String, global: String), limit: Int, recorder: IncludeRecorder)
        -> IncludeResolver
    {
        IncludeResolver { location, name in
            guard IncludeResolver.isValidName(name) else { return .missing }
            let base = location == .personal ? folders.personal : folders.global
            let lookup: IncludeResolver.Lookup
            switch RuleFile.read(RuleFolder.joined(base, name + ".sieve"), within: base, limit: limit) {
            case .success(let bytes): lookup = .found(bytes)
            case .failure(.missing): lookup = .missing
            case .failure(.refused(let reason)): lookup = .refused(reason)
            }
            recorder.record(location.rawValue + ":" + name, lookup)
            return lookup
        }
    }

    /// The name `include` would use for the script itself, so including itself is seen as a cycle.
    static func scriptName(_ path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return file.hasSuffix(".sieve") ? String(file.dropLast(6)) : file
    }

    /// The folder a file named on its own lies in (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}

/// The includes one compilation looked up, in order. The compiler calls the resolver synchronously, on the
/// loading thread only, so the unsynchronized list is never shared.
final class IncludeRecorder: @unchecked Sendable {
    private(set) var lookups: [(key: String, value: IncludeResolver.Lookup)] = []

    func record(_ key: String, _ lookup: IncludeResolver.Lookup) { lookups.append((key, lookup)) }
}

extension SHA256 {
    /// Adds one length-prefixed record, so no two different sequences of records give the same input.
    mutating func field(_ kind: String, _ path: String, _ bytes: [UInt8]) {
        for part in [Array(kind.utf8), Array(path.utf8), bytes] {
            var length = UInt64(part.count).bigEndian
            withUnsafeBytes(of: &length) { update(data: Array($0)) }
            update(data: part)
        }
    }

    mutating func field(_ kind: String, _ path: String, _ reason: String) {
        field(kind + "-refused", path, Array(reason.utf8))
    }

    mutating func field(_ kind: String, _ key: String, _ lookup: IncludeResolver.Lookup) {
        switch lookup {
        case .found(let bytes): field(kind, key, bytes)
        case .missing: field(kind + "-missing", key, [])
        case .refused(let reason): field(kind, key, reason)
        }
    }
}
