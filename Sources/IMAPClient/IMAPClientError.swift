import IMAPCore

/// What failed, in words that say where: connecting, TLS, logging in, a command the server refused (with its
/// text), a server that broke the protocol or a limit, a timeout. Passwords and tokens never appear here.
public struct IMAPClientError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable { case connection, tls, authentication, refused, protocolViolation, limit, timeout, closed, invalidArgument, unsupported }

    private let kind: Kind
    public let message: String
    /// The server's answer when it refused a command (NO or BAD).
    public let response: ResponseState?

    private init(_ kind: Kind, _ message: String, response: ResponseState? = nil) {
        self.kind = kind
        self.message = message
        self.response = response
    }

    public var description: String { message }
    public var isTimeout: Bool { kind == .timeout }
    public var isAuthenticationFailure: Bool { kind == .authentication }
    public var isTLSFailure: Bool { kind == .tls }
    public var isRefused: Bool { kind == .refused }
    public var isProtocolViolation: Bool { kind == .protocolViolation || kind == .limit }
    public var isLimitExceeded: Bool { kind == .limit }
    public var isConnectionClosed: Bool { kind == .closed || kind == .connection }
    /// The caller asked for a command that cannot be written (a flag with a space…); nothing was sent.
    public var isInvalidArgument: Bool { kind == .invalidArgument }
    /// The server lacks the capability the request needs.
    public var isUnsupported: Bool { kind == .unsupported }

    static func connection(_ message: String) -> IMAPClientError { IMAPClientError(.connection, message) }
    static func tls(_ message: String) -> IMAPClientError { IMAPClientError(.tls, message) }
    static func authentication(_ response: ResponseState) -> IMAPClientError {
        IMAPClientError(.authentication, "login refused: \(response.kind.rawValue) \(response.text)", response: response)
    }
    static func refused(_ logLine: String, _ response: ResponseState) -> IMAPClientError {
        IMAPClientError(.refused, "\(logLine): \(response.kind.rawValue) \(response.text)", response: response)
    }
    static func protocolViolation(_ message: String) -> IMAPClientError { IMAPClientError(.protocolViolation, "server broke the protocol: \(message)") }
    static func limit(_ message: String) -> IMAPClientError { IMAPClientError(.limit, "server went past a limit: \(message)") }
    static func timeout(_ message: String) -> IMAPClientError { IMAPClientError(.timeout, message) }
    static func closed(_ message: String) -> IMAPClientError { IMAPClientError(.closed, message) }
    static func invalidArgument(_ message: String) -> IMAPClientError { IMAPClientError(.invalidArgument, "not sent: \(message)") }
    static func unsupported(_ message: String) -> IMAPClientError { IMAPClientError(.unsupported, message) }
}
