import Foundation

/// The labelled corpus of `split.tsv` (path, label, subset, split, key): which message is spam, and which half it
/// belongs to. Training reads `train` only; `test` is for measuring.
struct SpamCorpus {
    struct Entry {
        let path: String
        let isSpam: Bool
        let split: String
        /// The corpus's own shuffle key (a hash of the path), for cross-validation folds.
        let key: String
        let bytes: [UInt8]
    }

    let entries: [Entry]

    static func load(_ folder: String) throws -> SpamCorpus {
        let table = try String(contentsOfFile: folder + "/split.tsv", encoding: .utf8)
        var entries: [Entry] = []
        for line in table.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 5 else { continue }
            let path = folder + "/" + columns[0]
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SpamBenchError("\(path): cannot be read")
            }
            entries.append(
                Entry(
                    path: path, isSpam: columns[1] == "spam", split: columns[3], key: columns[4], bytes: [UInt8](data)))
        }
        guard !entries.isEmpty else { throw SpamBenchError("\(folder)/split.tsv lists no messages") }
        return SpamCorpus(entries: entries)
    }

    func split(_ name: String) -> [Entry] { entries.filter { $0.split == name } }
}

struct SpamBenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
