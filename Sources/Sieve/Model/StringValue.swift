/// A string argument as the interpreter sees it: literal text, or text with `${…}` references when the
/// `variables` extension is required (RFC 5229). Expansion happens at run time.
public struct StringValue: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case text(String)
        /// `${name}` (lower case): a variable of the running script.
        case variable(String)
        /// A variable declared `global` (RFC 6609), or `${global.name}`: shared with included scripts.
        case globalVariable(String)
        /// `${0}` … `${9}`: a match variable.
        case matchVariable(Int)
    }

    public var segments: [Segment]

    public init(literal: String) {
        segments = literal.isEmpty ? [] : [.text(literal)]
    }

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Whether the value is one piece of literal text (or empty): then `literalText` is it.
    var isLiteralText: Bool {
        segments.isEmpty || (segments.count == 1 && { if case .text = segments[0] { true } else { false } }())
    }

    var literalText: String {
        if case .text(let text)? = segments.first { return text }
        return ""
    }

    /// The text when no variable occurs in it.
    public var literal: String? {
        var text = ""
        for segment in segments {
            guard case .text(let piece) = segment else { return nil }
            text += piece
        }
        return text
    }

    public var description: String {
        segments.map { segment in
            switch segment {
            case .text(let text): text
            case .variable(let name): "${\(name)}"
            case .globalVariable(let name): "${global.\(name)}"
            case .matchVariable(let index): "${\(index)}"
            }
        }.joined()
    }
}
