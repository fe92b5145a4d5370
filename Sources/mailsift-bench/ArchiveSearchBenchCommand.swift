@_spi(Benchmark) import Archive
import ArgumentParser
import Foundation

/// `mailsift-bench archive-search`: search time on a catalogue of generated messages (a million by default).
struct ArchiveSearchBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive-search", abstract: "Two-word searches on a catalogue of generated messages.")

    @Option(help: "Generated messages.") var messages = 1_000_000
    @Option(help: "Queries of each kind to time.") var queries = 100
    @Option(help: "Keep the generated archive here and reuse it in later runs.") var work: String?

    func run() throws {
        let folder = work ?? NSTemporaryDirectory() + "mailsift-bench-search-" + UUID().uuidString
        defer { if work == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let clock = ContinuousClock()
        let store = try ArchiveStore(directory: folder)
        var vocabulary: [String] = []
        let existing = try store.stats().messages
        if existing < messages {
            let fill = try clock.measure {
                vocabulary = try GeneratedCatalogue.fill(store, count: messages - existing, seed: 2026) { done in
                    if done % 100_000 == 0 { FileHandle.standardError.write(Data("\(done) messages generated\n".utf8)) }
                }
            }
            print(String(format: "generated %d messages in %.1f s", messages - existing, fill.seconds))
        } else {
            vocabulary = try GeneratedCatalogue.fill(store, count: 0, seed: 2026) { _ in }
        }
        let stats = try store.stats()
        print("catalogue: \(stats.messages) messages, \(stats.catalogueBytes / 1_000_000) MB")

        let reader = try ArchiveStore(directory: folder, mode: .readOnly)
        var random = SystemRandomNumberGenerator()
        // Word ranks: 0–99 are very common, 1000–4999 ordinary, 10000+ rare.
        let kinds: [(String, ClosedRange<Int>, ClosedRange<Int>, Bool)] = [
            ("common + common", 0...99, 0...99, false), ("common + ordinary", 0...99, 1000...4999, false),
            ("ordinary + ordinary", 1000...4999, 1000...4999, false),
            ("ordinary + rare", 1000...4999, 10000...19999, false),
            ("common + ordinary, folder and date filters", 0...99, 1000...4999, true),
        ]
        for (name, first, second, filtered) in kinds {
            var times: [Double] = []
            var found = 0
            for _ in 0..<queries {
                let words =
                    "\(vocabulary[Int.random(in: first, using: &random)]) \(vocabulary[Int.random(in: second, using: &random)])"
                var hits: [SearchHit] = []
                var query = SearchQuery(words: words, limit: 50)
                if filtered {
                    // Generated dates run from 2017-07-14 every five minutes: the second half of the catalogue.
                    query.folder = "Classes"
                    query.after = 1_500_000_000 + Int64(messages / 2) * 300
                }
                times.append(try clock.measure { hits = try reader.search(query) }.seconds)
                found += hits.count
            }
            times.sort()
            print(
                String(
                    format: "%@ p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d queries, %.1f results each, limit 50)",
                    name.padding(toLength: 44, withPad: " ", startingAt: 0), times[times.count / 2] * 1000,
                    times[min(times.count - 1, Int(Double(times.count) * 0.99))] * 1000,
                    times.last! * 1000, queries, Double(found) / Double(queries)))
        }
    }
}
