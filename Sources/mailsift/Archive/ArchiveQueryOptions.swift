import Archive
import ArgumentParser
import Foundation

/// The search options shared by `archive search` and `archive export`.
struct ArchiveQueryOptions: ParsableArguments {
    @Option(help: "Words in the sender.") var from: String?
    @Option(help: "Words in the recipients (To and Cc).") var to: String?
    @Option(help: "Words in the subject.") var subject: String?
    @Option(help: "Messages dated before this day (YYYY-MM-DD, UTC).") var before: String?
    @Option(help: "Messages dated on or after this day (YYYY-MM-DD, UTC).") var after: String?
    @Option(help: "Only this archive folder.") var folder: String?

    func query(words: String, limit: Int) throws -> SearchQuery {
        SearchQuery(
            words: words, from: from, to: to, subject: subject, folder: folder,
            after: try after.map { try Self.day($0, option: "--after") },
            before: try before.map { try Self.day($0, option: "--before") }, limit: limit)
    }

    var isEmpty: Bool { [from, to, subject, before, after, folder].allSatisfy { $0 == nil } }

    /// "2024-03-01" → seconds since 1970 at 00:00 UTC.
    static func day(_ text: String, option: String) throws -> Int64 {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            throw ValidationError("\(option) takes a day as YYYY-MM-DD, not \"\(text)\"")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            throw ValidationError("\(option): \"\(text)\" is not a day")
        }
        return Int64(date.timeIntervalSince1970)
    }
}
