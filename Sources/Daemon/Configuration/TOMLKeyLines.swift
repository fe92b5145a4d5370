import Foundation

/// Where keys and tables are written in a TOML file, found by scanning its text: TOMLKit 0.6.0 gives a line for
/// parse errors only, not for values, and a problem without its line is hard to find in a file of 5,000 accounts.
///
/// One pass over the lines (the file is bounded, so is the pass), remembering for each table the first line of
/// each key: `[[account]]` headers in order (the n-th is `.account(n)`), `[name]` headers, and `key = …` lines
/// (bare, quoted or dotted keys; a dotted key is also found by its first part). Limits, each falling back to the
/// line of the enclosing table, or line 1: keys inside an inline table (`{ … }`) or on the continuation line of a
/// multi-line array; text inside multi-line strings is skipped by counting `"""` and `'''`, which a string holding
/// both kinds of quotes could mislead.
struct TOMLKeyLines {
    enum Table: Hashable {
        /// The top level: before any header, or the whole of an `accounts_dir` file.
        case root
        /// The n-th `[[account]]` (0-based).
        case account(Int)
        /// Any other `[header]` or `[[header]]`.
        case named(String)
    }

    private var keys: [Table: [String: Int]] = [:]
    private var accountHeaders: [Int] = []
    private var tableHeaders: [String: Int] = [:]
    /// Lines holding an escaped NUL (`\u0000`): TOMLKit hands strings over as C strings, which would cut them there.
    private(set) var nulEscapes: [Int] = []

    init(text: String) {
        var table = Table.root
        var openString: String?  // the delimiter of a multi-line string left open
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.utf8
            if line.contains(0x5C), rawLine.contains("\\u0000") || rawLine.contains("\\U00000000") {
                nulEscapes.append(lineNumber)
            }
            if let delimiter = openString {
                if Self.occurrences(of: delimiter, in: rawLine) % 2 == 1 { openString = nil }
                continue
            }
            let trimmed = rawLine.drop { $0 == " " || $0 == "\t" }
            guard let first = trimmed.first, first != "#", first != "\r" else { continue }
            if first == "[" {
                let isArray = trimmed.hasPrefix("[[")
                let inside = trimmed.dropFirst(isArray ? 2 : 1).prefix { $0 != "]" }
                let name = Self.normalizedKey(inside) ?? String(inside)
                if isArray && name == "account" {
                    accountHeaders.append(lineNumber)
                    table = .account(accountHeaders.count - 1)
                } else {
                    table = .named(name)
                    if tableHeaders[name] == nil { tableHeaders[name] = lineNumber }
                }
                continue
            }
            guard let equals = Self.keyEnd(trimmed) else { continue }
            let keyText = trimmed[..<equals]
            if let key = Self.normalizedKey(keyText) {
                if keys[table, default: [:]][key] == nil { keys[table, default: [:]][key] = lineNumber }
                if let dot = key.firstIndex(of: "."), !keyText.hasPrefix("\"") && !keyText.hasPrefix("'") {
                    let head = String(key[..<dot])
                    if keys[table, default: [:]][head] == nil { keys[table, default: [:]][head] = lineNumber }
                }
            }
            let value = trimmed[trimmed.index(after: equals)...]
            for delimiter in ["\"\"\"", "'''"] where Self.occurrences(of: delimiter, in: value) % 2 == 1 {
                openString = delimiter
                break
            }
        }
    }

    /// The line of `key` in `table`; at the top level, a key written as a table header (`[key]`, `[[account]]`)
    /// is found at its first header; else the table's own line.
    func line(of key: String, in table: Table) -> Int {
        if let line = keys[table]?[key] { return line }
        if table == .root, let line = (key == "account" ? accountHeaders.first : nil) ?? tableHeaders[key] {
            return line
        }
        return line(of: table)
    }

    /// Whether `key` was found written in `table`.
    func contains(_ key: String, in table: Table) -> Bool { keys[table]?[key] != nil }

    /// The line of a table's header: 1 for the top level; for an `[[account]]` that has no header of its own (an
    /// inline table in `account = [ … ]`), the line of `account`.
    func line(of table: Table) -> Int {
        switch table {
        case .root: 1
        case .account(let index):
            index < accountHeaders.count ? accountHeaders[index] : keys[.root]?["account"] ?? 1
        case .named(let name): tableHeaders[name] ?? 1
        }
    }

    /// Where the key of a `key = value` line ends (the `=`), or nil when the line is not one: quotes are skipped
    /// so that `"a=b" = 1` is the key `a=b`.
    private static func keyEnd(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == "\\" && open == "\"" {
                    index = line.index(after: index)
                    if index == line.endIndex { return nil }
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if !(character.isLetter || character.isNumber || "_-. \t".contains(character)) {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// `a . "b c"` → `a.b c`; nil when it does not look like a key.
    private static func normalizedKey(_ text: Substring) -> String? {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var quoted = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                quoted = true
            } else if character == "." {
                parts.append(current)
                current = ""
                quoted = false
            } else if character != " " && character != "\t" {
                current.append(character)
            }
        }
        parts.append(current)
        guard quote == nil, !parts.contains(where: \.isEmpty) || quoted else { return nil }
        return parts.joined(separator: ".")
    }

    private static func occurrences(of delimiter: String, in text: Substring) -> Int {
        var count = 0
        var rest = text[...]
        while let range = rest.range(of: delimiter) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
