/// An error of the daemon's own making (configuration, state store, pipeline), in words an administrator can act
/// on. A struct around a private enum, so new cases can come without breaking callers that switch on it.
public struct DaemonError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case stateStore(String)
        case pipeline(String)
        case rules(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// The state store (SQLite under `state_dir`) cannot be opened, read or written.
    public static func stateStore(_ why: String) -> DaemonError { DaemonError(.stateStore(why)) }

    /// A message could not be filed (the server refused an action, or the plan cannot be carried out).
    public static func pipeline(_ why: String) -> DaemonError { DaemonError(.pipeline(why)) }

    /// Rule folders cannot be watched or read.
    public static func rules(_ why: String) -> DaemonError { DaemonError(.rules(why)) }

    public var isStateStore: Bool {
        if case .stateStore = kind { return true } else { return false }
    }

    public var description: String {
        switch kind {
        case .stateStore(let why): "state store: \(why)"
        case .pipeline(let why): "filing: \(why)"
        case .rules(let why): "rules: \(why)"
        }
    }
}
