extension RuleSet {
    /// One file's verdict: its diagnostics (warnings and errors), or why it was not read.
    public struct FileReport: Sendable, Hashable {
        public var path: String
        public var diagnostics: [SieveDiagnostic]
        /// Why the file was not read (a link out of its folder, a FIFO, permissions…), never quoting it.
        public var unreadable: String?

        public init(path: String, diagnostics: [SieveDiagnostic] = [], unreadable: String? = nil) {
            self.path = path
            self.diagnostics = diagnostics
            self.unreadable = unreadable
        }

        /// The file was not read, or did not compile: it does not run.
        public var hasErrors: Bool { unreadable != nil || diagnostics.contains { $0.severity == .error } }

        /// `path: error: why` when not read, else `path:line:col: error: …` for each error.
        public var errorLines: [String] {
            if let unreadable { return ["\(path): error: \(unreadable)"] }
            return diagnostics.filter { $0.severity == .error }.map { $0.formatted(file: path) }
        }

        /// Every line a person reads about the file: why it was not read, or each diagnostic.
        public var lines: [String] {
            if let unreadable { return ["\(path): error: \(unreadable)"] }
            return diagnostics.map { $0.formatted(file: path) }
        }
    }
}
