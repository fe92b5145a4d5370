/// Why the learner could not do what was asked, in words for the administrator.
public struct SpamError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Equatable {
        case store(String)
        case message(String)
    }

    private let kind: Kind

    /// The token store (SQLite) failed: cannot open, read or write.
    public static func store(_ detail: String) -> SpamError { SpamError(kind: .store(detail)) }
    /// A message to learn could not be read.
    public static func message(_ detail: String) -> SpamError { SpamError(kind: .message(detail)) }

    public var description: String {
        switch kind {
        case .store(let detail): "token store: \(detail)"
        case .message(let detail): detail
        }
    }
}
