/// Turns a `Command` into the bytes to send, split where the server must answer `+` before the client goes on
/// (a synchronizing literal, or the next step of an exchange).
///
/// Strings become atoms, quoted strings or literals as their content requires; literals are non-synchronizing
/// (`{N+}`) when the server has LITERAL+, or LITERAL- and N ≤ 4096 (RFC 7888). Names and values in UTF-8 are
/// sent quoted only when UTF8=ACCEPT is enabled, else as literals.
public struct CommandEncoder: Sendable {
    public enum LiteralSupport: Sendable { case synchronizing, literalPlus, literalMinus }

    public var literals: LiteralSupport
    public var utf8Accepted: Bool
    /// SASL-IR (RFC 4959): the first SASL message goes on the AUTHENTICATE line instead of after a `+`.
    public var saslInitialResponse: Bool

    public init(
        literals: LiteralSupport = .synchronizing, utf8Accepted: Bool = false, saslInitialResponse: Bool = false
    ) {
        self.literals = literals
        self.utf8Accepted = utf8Accepted
        self.saslInitialResponse = saslInitialResponse
    }

    /// The encoder for what a server announced.
    public init(capabilities: [String], utf8Enabled: Bool = false) {
        let upper = Set(capabilities.map { $0.uppercased() })
        literals =
            upper.contains("LITERAL+") ? .literalPlus : upper.contains("LITERAL-") ? .literalMinus : .synchronizing
        utf8Accepted = utf8Enabled
        saslInitialResponse = upper.contains("SASL-IR")
    }

    public func encode(_ command: Command, tag: String) -> EncodedCommand {
        var writer = CommandWriter(encoder: self)
        writer.raw(tag + " ")
        write(command, into: &writer)
        writer.raw("\r\n")
        var encoded = writer.finish(logLine: command.isSensitive ? "\(tag) \(Self.verb(of: command)) ***" : nil)
        encoded.challengeReply = Self.challengeReply(of: command)
        return encoded
    }

    /// What a SASL exchange answers to a challenge after the credentials were sent: the server's error report
    /// (XOAUTH2 and OAUTHBEARER send one as `+ base64-json` before their NO) gets the empty response XOAUTH2
    /// expects or OAUTHBEARER's `%x01` (RFC 7628 3.2.3); PLAIN has no second step, so it is cancelled (`*`).
    private static func challengeReply(of command: Command) -> [UInt8]? {
        switch command {
        case .authenticateXOAuth2: return Array("\r\n".utf8)
        case .authenticateOAuthBearer: return Array("AQ==\r\n".utf8)
        case .authenticatePlain: return Array("*\r\n".utf8)
        default: return nil
        }
    }

    private static func verb(of command: Command) -> String {
        switch command {
        case .login: return "LOGIN"
        case .authenticatePlain: return "AUTHENTICATE PLAIN"
        case .authenticateXOAuth2: return "AUTHENTICATE XOAUTH2"
        case .authenticateOAuthBearer: return "AUTHENTICATE OAUTHBEARER"
        default: return ""
        }
    }
}

/// A command ready to send: `chunks[0]` first, then each next chunk after the server's `+` continuation.
///
/// The chunks hold the secrets of LOGIN and AUTHENTICATE as sent (plain or base64), so the command never prints
/// them: `description`, `debugDescription`, interpolation, `dump` and reflection show `logLine` (secrets as
/// `***`) and the chunks' sizes only.
public struct EncodedCommand: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var chunks: [[UInt8]]
    /// What may be logged: the command as sent, or with its secrets replaced by `***`; literals by their size.
    public var logLine: String
    /// Sent once if the server asks for more after every chunk went (a SASL error challenge); nil: that is a
    /// protocol violation.
    public var challengeReply: [UInt8]?

    public var bytes: [UInt8] { chunks.flatMap { $0 } }

    public var description: String { logLine }
    public var debugDescription: String { "EncodedCommand(\(logLine.debugDescription), \(sizes))" }
    public var customMirror: Mirror {
        Mirror(self, children: ["logLine": logLine, "chunks": sizes], displayStyle: .struct)
    }

    private var sizes: String { "\(chunks.count) chunks of \(chunks.map(\.count)) bytes" }
}
