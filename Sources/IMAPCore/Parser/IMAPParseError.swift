/// A response the client cannot accept: malformed, or past a limit. It says what and where (the byte offset
/// in the response and the text around it), and never echoes a literal's contents.
public struct IMAPParseError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Sendable, Equatable { case syntax, limit }

    private let kind: Kind
    public let message: String
    /// Offset in the response where the problem was found.
    public let offset: Int

    public var description: String { "\(message) (at byte \(offset) of the response)" }
    /// True when the response was refused for its size or depth rather than for its syntax.
    public var isLimitExceeded: Bool { kind == .limit }

    static func syntax(_ message: String, at offset: Int) -> IMAPParseError {
        IMAPParseError(kind: .syntax, message: message, offset: offset)
    }

    static func limit(_ message: String, at offset: Int) -> IMAPParseError {
        IMAPParseError(kind: .limit, message: message, offset: offset)
    }
}
