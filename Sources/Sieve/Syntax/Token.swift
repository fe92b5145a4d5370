/// A lexical token of RFC 5228 (section 8.1).
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        /// `:name`, without the colon, in lower case (tags are case-insensitive).
        case tag(String)
        case number(UInt64)
        /// A quoted string or a `text:` block; line breaks inside it are CRLF.
        case string(String, multiline: Bool)
        case leftBracket, rightBracket, leftParen, rightParen, leftBrace, rightBrace, comma, semicolon
        case end
    }

    var kind: Kind
    var location: SourceLocation

    var describedForError: String {
        switch kind {
        case .identifier(let name): "identifier '\(name)'"
        case .tag(let name): "tag ':\(name)'"
        case .number(let value): "number \(value)"
        case .string(_, let multiline): multiline ? "text: block" : "string"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .semicolon: "';'"
        case .end: "end of script"
        }
    }
}
