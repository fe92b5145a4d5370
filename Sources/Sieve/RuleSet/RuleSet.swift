/// The scripts of one or more rule folders, compiled to run as one `SieveSequence`: what `mailsift test`,
/// `mailsift check` and the daemon load. Loading never fails: every file gets a `FileReport`, and only a set
/// that `isComplete` may replace a working one (a broken rule file never replaces a working one).
public struct RuleSet: Sendable {
    /// A script that compiled, with the file it came from.
    public struct Script: Sendable {
        public var path: String
        public var compiled: CompiledScript

        public init(path: String, compiled: CompiledScript) {
            self.path = path
            self.compiled = compiled
        }
    }

    /// The compiled scripts in run order: folders in the order given, files by name.
    public var scripts: [Script]
    /// Every file looked at (and a folder that could not be listed), in the same order.
    public var reports: [FileReport]
    /// A digest of every path and byte read (scripts and the includes they asked for): equal fingerprints
    /// mean nothing that was read changed.
    public var fingerprint: String

    /// Every file was read and compiled: only then may the daemon use the set.
    public var isComplete: Bool { !reports.contains(where: \.hasErrors) }

    /// `file:line:col: error: …` for each error, and `file: error: why` for each file not read: for logs
    /// and status.
    public var errorLines: [String] { reports.flatMap(\.errorLines) }

    /// What the scripts together read of a message: what a fetch must bring.
    public var needs: ScriptNeeds {
        var union = ScriptNeeds()
        for script in scripts { union.merge(script.compiled.needs) }
        return union
    }
}
