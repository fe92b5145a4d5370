/// One thing wrong with a configuration, or worth a warning, with where it is: `file:line: key: message` (a
/// warning: `file:line: warning: key: message`), the way a compiler reports, so an editor can jump to it.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable {
        /// The configuration is refused.
        case error
        /// The configuration runs, but an administrator should know (plaintext off loopback, no account…).
        case warning
    }

    public var file: String
    /// 1-based. Found by scanning the file's text for the key (see `TOMLKeyLines` for its limits); the line of
    /// the enclosing table when the key is not written in the file (a missing key), 1 for the file as a whole.
    public var line: Int
    /// The key the problem is about, nil for the file as a whole (unreadable, not TOML).
    public var key: String?
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, key: String?, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
        self.severity = severity
    }

    public var description: String {
        "\(file):\(line): " + (severity == .warning ? "warning: " : "") + (key.map { "\($0): " } ?? "") + message
    }
}

/// A configuration refused, with every problem found in it (not only the first).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let problems: [ConfigurationProblem]
    /// Problems found beyond `ConfigurationLimits.problems`, counted but not kept.
    public let omitted: Int

    public init(problems: [ConfigurationProblem], omitted: Int = 0) {
        self.problems = problems
        self.omitted = omitted
    }

    public var description: String {
        var lines = problems.map(\.description)
        if omitted > 0 { lines.append("… and \(omitted) more errors") }
        return lines.joined(separator: "\n")
    }
}

/// What loading a configuration found: the configuration when nothing is wrong, and every error and warning.
public struct ConfigurationReport: Sendable {
    /// Set only when `errors` is empty.
    public let configuration: DaemonConfiguration?
    /// In file order (the main file first, then `accounts_dir` in name order), by line.
    public let errors: [ConfigurationProblem]
    public let warnings: [ConfigurationProblem]
    /// Errors found beyond `ConfigurationLimits.problems`.
    public let omittedErrors: Int

    /// The configuration, or every error as one `ConfigurationError`. Warnings are the caller's to log.
    public func validConfiguration() throws -> DaemonConfiguration {
        guard let configuration, errors.isEmpty else {
            throw ConfigurationError(problems: errors, omitted: omittedErrors)
        }
        return configuration
    }
}

/// Collects problems while a configuration is read, so that all of them are reported at once.
final class ProblemCollector {
    private(set) var errors: [ConfigurationProblem] = []
    private(set) var warnings: [ConfigurationProblem] = []
    private(set) var omitted = 0

    var hasErrors: Bool { !errors.isEmpty || omitted > 0 }

    /// All errors so far, kept or not: compare before and after reading a table to know if it had any.
    var errorCount: Int { errors.count + omitted }

    func error(_ file: String, _ line: Int, _ key: String?, _ message: String) {
        guard errors.count < ConfigurationLimits.problems else {
            omitted += 1
            return
        }
        errors.append(ConfigurationProblem(file: file, line: line, key: key, message: message))
    }

    func warning(_ file: String, _ line: Int, _ key: String?, _ message: String) {
        guard warnings.count < ConfigurationLimits.problems else { return }
        warnings.append(ConfigurationProblem(file: file, line: line, key: key, message: message, severity: .warning))
    }

    /// Sorted by file (in the order the files were read) and line, so the report reads top to bottom.
    func sorted(_ problems: [ConfigurationProblem], fileOrder: [String]) -> [ConfigurationProblem] {
        let rank = Dictionary(fileOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return problems.enumerated().sorted { a, b in
            let (fa, fb) = (rank[a.element.file] ?? Int.max, rank[b.element.file] ?? Int.max)
            if fa != fb { return fa < fb }
            if a.element.line != b.element.line { return a.element.line < b.element.line }
            return a.offset < b.offset
        }.map(\.element)
    }
}
