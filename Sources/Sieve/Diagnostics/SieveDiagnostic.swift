/// An error or warning about a Sieve script, with the place it refers to.
///
/// Rendered as `file:line:column: error: message`, the form compilers use, so editors can jump to it.
public struct SieveDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ message: String, at location: SourceLocation) -> SieveDiagnostic {
        SieveDiagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> SieveDiagnostic {
        SieveDiagnostic(.warning, at: location, message)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// `file:line:column: severity: message`.
    public func formatted(file: String) -> String { "\(file):\(description)" }
}
