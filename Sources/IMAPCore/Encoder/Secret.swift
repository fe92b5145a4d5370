/// A password or token. It cannot be printed: `description`, `debugDescription`, string interpolation,
/// `dump` and reflection all show `<redacted>`, so a log line, a test failure or a crash report that shows a
/// `Command` never shows the secret in it. Only the encoder reads the value (`exposed`), to send it.
public struct Secret: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    private let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    /// The secret itself: for writing it on the wire, nowhere else.
    public var exposed: String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
