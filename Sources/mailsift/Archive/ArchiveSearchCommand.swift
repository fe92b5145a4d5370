import Archive
import ArgumentParser
import Foundation
import MailMessage

/// `mailsift archive search --archive DIR QUERY [filters] [--limit N] [--json]`
struct ArchiveSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Find archived messages by words (subject, addresses, body) and filters, most recently archived first."
    )

    @OptionGroup var location: ArchiveLocation
    @Argument(
        help:
            "Words that must all appear (accents and case ignored; `word*` for a prefix; words in double quotes for a phrase)."
    )
    var words: [String] = []
    @OptionGroup var filters: ArchiveQueryOptions
    @Option(help: "At most this many results.") var limit = 50
    @Flag(help: "Print the results as JSON.") var json = false

    func run() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let store = try location.open(.readOnly)
        let query = try filters.query(words: words.joined(separator: " "), limit: limit)
        let hits = try reportingArchiveErrors { try store.search(query) }
        // Mail archived by a run or an import stopped before its end waits for the text index: said, not hidden.
        if !words.isEmpty {
            let waiting = try reportingArchiveErrors { try store.messagesWaitingForTextIndex() }
            if waiting > 0 {
                FileHandle.standardError.write(
                    Data(
                        ("note: \(waiting) archived messages wait for the text index and are not searched by words"
                            + " yet; `mailsift archive settle` indexes them\n").utf8))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(hits), as: UTF8.self))
            return
        }
        // One line per hit, tab-separated: a folder, sender or subject cannot add a line or a column, nor send
        // escape sequences to the terminal (JSON above keeps the exact values).
        for hit in hits {
            let date = hit.date.map { Self.day($0) } ?? "(no date)"
            let columns = [hit.folder, hit.sender, hit.subject].map { TerminalText.escaped($0) }
            print(([String(hit.id), date] + columns).joined(separator: "\t"))
        }
        if hits.isEmpty { FileHandle.standardError.write(Data("no message found\n".utf8)) }
    }

    static func day(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
