import TOMLKit

/// Reads one TOML table's values by key and type, recording every problem (with its line) instead of stopping at
/// the first: a missing key, a value of the wrong type, out of range, too long, or a key nobody reads.
final class TableReader {
    let table: TOMLTable
    let file: String
    let lines: TOMLKeyLines
    let scope: TOMLKeyLines.Table
    let problems: ProblemCollector
    /// Relative paths in the table are taken from here: the folder of the file they are written in.
    let baseDirectory: String
    private var read: Set<String> = []
    /// For a table inside another (`nested`): where the scanner may have filed its keys (a prefix and a table,
    /// tried in order), the line used when it has not (the parent key's), and how messages name its keys.
    private var places: [(prefix: String, scope: TOMLKeyLines.Table)]?
    private var fallbackLine = 1
    private var shownPrefix = ""

    init(
        table: TOMLTable, file: String, lines: TOMLKeyLines, scope: TOMLKeyLines.Table, problems: ProblemCollector,
        baseDirectory: String
    ) {
        self.table = table
        self.file = file
        self.lines = lines
        self.scope = scope
        self.problems = problems
        self.baseDirectory = baseDirectory
    }

    /// The line of the table itself (for a missing key).
    var tableLine: Int { lines.line(of: scope) }

    func line(_ key: String) -> Int {
        guard let places else { return lines.line(of: key, in: scope) }
        for place in places where lines.contains(place.prefix + key, in: place.scope) {
            return lines.line(of: place.prefix + key, in: place.scope)
        }
        return fallbackLine
    }

    func error(_ key: String, _ message: String) { problems.error(file, line(key), shownPrefix + key, message) }

    func warning(_ key: String, _ message: String) { problems.warning(file, line(key), shownPrefix + key, message) }

    /// A reader of the table `table` written under `key` of this one: as a header (`[archive]`,
    /// `[archive.folders."Sent"]`), as dotted keys (`archive.keep_unread = true`) or inline (`archive = { … }`).
    /// Its keys are named `key.name` in messages, and found on their own line where the scanner saw them (a
    /// header under an `[[account]]`, shared by every account for the scanner, and inline tables are not): else
    /// at the line of `key`.
    func nested(_ key: String, _ table: TOMLTable) -> TableReader {
        var childPlaces: [(prefix: String, scope: TOMLKeyLines.Table)] = []
        for place in places ?? [("", scope)] {
            childPlaces.append((place.prefix + key + ".", place.scope))
            guard place.prefix.isEmpty else { continue }
            switch place.scope {
            case .root: childPlaces.append(("", .named(key)))
            case .named(let name): childPlaces.append(("", .named(name + "." + key)))
            case .account: break
            }
        }
        let reader = TableReader(
            table: table, file: file, lines: lines, scope: scope, problems: problems, baseDirectory: baseDirectory)
        reader.places = childPlaces
        reader.fallbackLine = line(key)
        reader.shownPrefix = shownPrefix + Self.shownKey(key) + "."
        return reader
    }

    func missing(_ key: String, _ why: String) { problems.error(file, tableLine, key, "missing: \(why)") }

    func has(_ key: String) -> Bool { table[key] != nil }

    /// The raw value, marking the key as known.
    func value(_ key: String) -> TOMLValueConvertible? {
        read.insert(key)
        return table[key]
    }

    func string(_ key: String, required why: String? = nil, maxBytes: Int) -> String? {
        guard let value = value(key) else {
            if let why { missing(key, why) }
            return nil
        }
        guard let text = value.string else {
            error(key, "expected a string, found \(Self.described(value.type))")
            return nil
        }
        if let problem = Self.textProblem(text, maxBytes: maxBytes) {
            error(key, problem)
            return nil
        }
        return text
    }

    /// A string naming a path; a relative one is taken from the folder of the file it is written in.
    func path(_ key: String, required why: String? = nil) -> String? {
        string(key, required: why, maxBytes: ConfigurationLimits.pathBytes).map(resolve)
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : baseDirectory + "/" + path
    }

    func int(_ key: String, default defaultValue: Int, range: ClosedRange<Int>, unit: String) -> Int {
        guard let value = value(key) else { return defaultValue }
        guard let number = value.int else {
            error(key, "expected an integer (\(unit)), found \(Self.described(value.type))")
            return defaultValue
        }
        guard range.contains(number) else {
            error(key, "must be between \(range.lowerBound) and \(range.upperBound) (\(unit)), not \(number)")
            return defaultValue
        }
        return number
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = value(key) else { return defaultValue }
        guard let flag = value.bool else {
            error(key, "expected true or false, found \(Self.described(value.type))")
            return defaultValue
        }
        return flag
    }

    /// One of the names of `E` (`security = "tls"`).
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: E) -> E
    where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard let text = string(key, maxBytes: 64) else {
            return defaultValue
        }
        guard let choice = E(rawValue: text) else {
            error(key, "must be one of \(names.joined(separator: ", ")), not \(Self.shown(text))")
            return defaultValue
        }
        return choice
    }

    /// An array of strings, each checked like `string`; nil when absent or wrong.
    func strings(_ key: String, maxCount: Int, maxBytes: Int) -> [String]? {
        guard let value = value(key) else { return nil }
        guard let array = value.array else {
            error(key, "expected an array of strings, found \(Self.described(value.type))")
            return nil
        }
        guard array.count <= maxCount else {
            error(key, "has \(array.count) entries; at most \(maxCount)")
            return nil
        }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                error(key, "entry \(index + 1): expected a string, found \(Self.described(element.type))")
                return nil
            }
            if let problem = Self.textProblem(text, maxBytes: maxBytes) {
                error(key, "entry \(index + 1): \(problem)")
                return nil
            }
            result.append(text)
        }
        return result
    }

    /// Every key of the table that no one read is an error: a typo (`pasword_file`) must not pass silently.
    func rejectUnknownKeys(known: [String], hints: [String: String] = [:]) {
        for key in table.keys where !read.contains(key) {
            var message = "unknown key"
            if let hint = hints[key] {
                message += "; \(hint)"
            } else if let suggestion = KeySuggestion.closest(to: key, among: known) {
                message += "; did you mean \(suggestion)?"
            }
            problems.error(file, line(key), shownPrefix + Self.shownKey(key), message)
        }
    }

    /// Why `text` cannot be used, or nil: empty, too long, or holding control characters (a line break in a user
    /// name would end an IMAP command early; in a folder name it would forge a line of the report).
    static func textProblem(_ text: String, maxBytes: Int) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.utf8.count > maxBytes { return "is \(text.utf8.count) bytes long; at most \(maxBytes)" }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "must not contain control characters (line breaks, tabs…)"
        }
        return nil
    }

    static func described(_ type: TOMLType) -> String {
        switch type {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number with a fraction"
        case .bool: "true or false"
        case .array: "an array"
        case .table: "a table"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date and time"
        }
    }

    /// A value from the file, shown in a message: quoted, at most 60 characters, control characters escaped (a
    /// value must not forge a line of the report). Not `debugDescription`: TOMLKit replaces String's with one that
    /// neither quotes nor escapes.
    static func shown(_ text: String) -> String {
        var shown = "\""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 60 {
                shown += "…"
                break
            }
            switch scalar {
            case "\"", "\\": shown += "\\" + String(scalar)
            case _ where scalar.properties.generalCategory == .control:
                shown += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown + "\""
    }

    /// A key from the file, shown as the `key` of a problem: as written when it is a plain key, else quoted.
    static func shownKey(_ key: String) -> String {
        let plain =
            !key.isEmpty && key.utf8.count <= 64
            && key.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
            }
        return plain ? key : shown(key)
    }
}
