import Foundation

/// Where one account's supervisor stands, as `mailsift status` shows it.
public enum AccountState: Sendable, Hashable {
    case connecting
    /// Logged in; catching up with mail that arrived while it was away (or finishing a batch left under way).
    case synchronizing
    /// Waiting for new mail (IDLE, or polling where the server has no IDLE).
    case watching
    /// The last attempt failed; the next one is at `until`.
    case backingOff(until: Date, lastError: String)
    /// The server refused the login: the account waits minutes before it tries again.
    case refusedCredentials(until: Date, lastError: String)
    case stopped

    /// One word for logs and status.
    public var name: String {
        switch self {
        case .connecting: "connecting"
        case .synchronizing: "synchronizing"
        case .watching: "watching"
        case .backingOff: "backing off"
        case .refusedCredentials: "refused credentials"
        case .stopped: "stopped"
        }
    }

    public var lastError: String? {
        switch self {
        case .backingOff(_, let error), .refusedCredentials(_, let error): error
        default: nil
        }
    }
}
