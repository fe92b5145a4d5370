/// A finished command: the server's tagged answer and the untagged data it sent while the command ran.
public struct CommandCompletion: Sendable, Hashable {
    public var tag: String
    public var state: ResponseState
    public var untagged: [UntaggedResponse]
}

/// What the connection must do next, as the state machine decides it.
public enum ConnectionAction: Sendable, Hashable {
    /// Send these bytes.
    case write([UInt8])
    /// The server greeted: `preauthenticated` for PREAUTH; its capabilities when the greeting carried them.
    case greeted(preauthenticated: Bool, capabilities: [String]?)
    case completed(CommandCompletion)
    /// Untagged data that belongs to no running command (mailbox changes, during IDLE or between commands).
    case unsolicited(UntaggedResponse)
    /// The server accepted IDLE (`+`): changes now arrive as `unsolicited`.
    case idling
    /// The server said BYE: it will close the connection.
    case bye(ResponseState)
    /// The server broke the protocol; the connection must be closed. The text says how.
    case protocolViolation(String)
    /// The server went past a limit (`IMAPLimits`); the connection must be closed. The text names the limit.
    case limitExceeded(String)
}
