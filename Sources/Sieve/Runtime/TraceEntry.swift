/// One test as `mailsift test --explain` reports it: where it is, what it compared, what it gave.
public struct TraceEntry: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var test: String
    public var result: Bool
    /// The message's values the test looked at (nil for tests that compare nothing, such as allof).
    public var values: [String]?
    public var keys: [String]?

    public var description: String {
        var text = "\(location): \(test) → \(result ? "true" : "false")"
        if let values {
            let shown = values.prefix(5).map { "\"\($0.count > 120 ? String($0.prefix(120)) + "…" : $0)\"" }
            text += values.isEmpty ? "  (no value: the field or part is missing)" : "  (values: \(shown.joined(separator: ", "))\(values.count > 5 ? ", …" : ""))"
        }
        return text
    }
}
