import Foundation

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

    /// Bytes of text over the words and the sender, recipient and subject conditions together.
    public static let maxTextBytes = 1024
    /// Words (a phrase counts each of its words, an address each of its parts: what the index looks up).
    public static let maxTerms = 32
    /// Prefix words (`word*`): each is expanded by FTS5 into every indexed word it begins, which is the
    /// expensive part of a search (2,000 `a*` took 26.8 s and 474 MB on a large archive).
    public static let maxPrefixTerms = 4
    /// Letters or digits a prefix word needs before its `*`: `a*` alone matches a good part of the vocabulary.
    public static let minPrefixLength = 2

    /// The FTS5 MATCH expression, or nil when no text condition is given. Throws an input error naming the
    /// bound when the query is larger than the bounds above allow.
    func matchExpression() throws(ArchiveError) -> String? {
        let fields: [(String?, String?)] = [(nil, words), ("sender", from), ("recipients", to), ("subject", subject)]
        let bytes = fields.reduce(0) { $0 + ($1.1?.utf8.count ?? 0) }
        guard bytes <= Self.maxTextBytes else {
            throw .input("the search is \(bytes) bytes long; at most \(Self.maxTextBytes) bytes are allowed")
        }
        var parts: [String] = []
        var count = TermCount()
        for (column, value) in fields {
            guard let value, let terms = try Self.terms(value, counting: &count) else { continue }
            parts.append(column.map { "\($0) : (\(terms))" } ?? terms)
        }
        guard count.terms <= Self.maxTerms else {
            throw .input("the search has \(count.terms) words; at most \(Self.maxTerms) are allowed")
        }
        guard count.prefixes <= Self.maxPrefixTerms else {
            throw .input(
                "the search has \(count.prefixes) prefix words (word*); at most \(Self.maxPrefixTerms) are allowed")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// Words and prefix words seen so far in a query.
    private struct TermCount {
        var terms = 0
        var prefixes = 0
    }

    /// Each word, or each "quoted phrase", as an FTS5 string (inner quotes doubled); a word's trailing `*` kept
    /// as a prefix marker. An unclosed quote runs to the end of the text.
    private static func terms(_ text: String, counting count: inout TermCount) throws(ArchiveError) -> String? {
        var terms: [String] = []
        func add(_ body: Substring, prefix: Bool = false) throws(ArchiveError) {
            let tokens = Self.tokens(body)
            guard !body.isEmpty else { return }
            count.terms += tokens.count
            if prefix {
                count.prefixes += 1
                guard let last = tokens.last, last.count >= minPrefixLength else {
                    throw .input(
                        "the prefix \"\(body.prefix(40))*\" is too short: a prefix needs at least \(minPrefixLength)"
                            + " letters or digits before the *")
                }
            }
            terms.append("\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? " *" : ""))
        }
        var rest = text[...]
        while let first = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[first...]
            if rest.first == "\"" {
                let inside = rest.dropFirst()
                let close = inside.firstIndex(of: "\"") ?? inside.endIndex
                try add(inside[..<close].trimmingCharacters(in: .whitespaces)[...])
                rest = close == inside.endIndex ? inside[close...] : inside[inside.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                let word = rest[..<end]
                let prefix = word.hasSuffix("*")
                try add(prefix ? word.dropLast() : word, prefix: prefix)
                rest = rest[end...]
            }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }

    /// The runs of letters and digits in `text`: about the words the index tokenizer (unicode61) finds there.
    private static func tokens(_ text: Substring) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber) }
    }
}
