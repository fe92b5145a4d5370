/// A search of the archive: free words over subject, addresses and body, and filters. Words are matched
/// whole (accents and case ignored); a word ending in `*` matches as a prefix; words in double quotes match as
/// a phrase, in their order. User text never reaches FTS5's query syntax raw: every word and phrase is quoted,
/// so no input can make a query fail or mean something else.
public struct SearchQuery: Sendable {
    public var words: String
    public var from: String?
    public var to: String?
    public var subject: String?
    public var folder: String?
    public var account: String?
    /// Message dates, seconds since 1970: after is inclusive, before exclusive.
    public var after: Int64?
    public var before: Int64?
    public var limit: Int

    public init(
        words: String = "", from: String? = nil, to: String? = nil, subject: String? = nil, folder: String? = nil,
        account: String? = nil, after: Int64? = nil, before: Int64? = nil, limit: Int = 50
    ) {
        self.words = words
        self.from = from
        self.to = to
        self.subject = subject
        self.folder = folder
        self.account = account
        self.after = after
        self.before = before
        self.limit = limit
    }

    /// The FTS5 MATCH expression, or nil when no text condition is given.
    var matchExpression: String? {
        var parts: [String] = []
        if let terms = Self.terms(words) { parts.append(terms) }
        for (column, value) in [("sender", from), ("recipients", to), ("subject", subject)] {
            if let value, let terms = Self.terms(value) { parts.append("\(column) : (\(terms))") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// Each word, or each "quoted phrase", as an FTS5 string (inner quotes doubled); a word's trailing `*` kept
    /// as a prefix marker. An unclosed quote runs to the end of the text.
    private static func terms(_ text: String) -> String? {
        var terms: [String] = []
        func add(_ body: Substring, prefix: Bool = false) {
            guard !body.isEmpty else { return }
            terms.append("\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? " *" : ""))
        }
        var rest = text[...]
        while let first = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[first...]
            if rest.first == "\"" {
                let inside = rest.dropFirst()
                let close = inside.firstIndex(of: "\"") ?? inside.endIndex
                add(inside[..<close].trimmingCharacters(in: .whitespaces)[...])
                rest = close == inside.endIndex ? inside[close...] : inside[inside.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                let word = rest[..<end]
                let prefix = word.hasSuffix("*")
                add(prefix ? word.dropLast() : word, prefix: prefix)
                rest = rest[end...]
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}

import Foundation
