import Foundation
import GRDB

/// Fills a store's catalogue with generated messages, for the search benchmark only (`mailsift-bench
/// archive-search`): a million real imports would measure the importer, not the search. The rows and their
/// text index are written exactly as `archive(_:)` writes them; their contents (blobs) point to one empty
/// placeholder block.
@_spi(Benchmark)
public enum GeneratedCatalogue {
    /// Adds `count` messages whose words follow a Zipf law over `vocabulary`; returns the words by rank.
    public static func fill(_ store: ArchiveStore, count: Int, seed: UInt64, progress: (Int) -> Void) throws -> [String]
    {
        var random = SplitMix(seed: seed)
        let vocabulary = (0..<20_000).map { Self.word($0) }
        let people = (0..<5_000).map {
            "\(vocabulary[($0 * 7) % 2000]).\(vocabulary[($0 * 13) % 3000])@ecoles\($0 % 40).example.fr"
        }
        let zipf = ZipfSampler(size: vocabulary.count)
        let start = Int64(1_500_000_000)
        let blockID = try store.catalogue.pool.write { db in
            // Segment 0 never exists on disk: the placeholder block of every generated message, made once.
            try db.execute(
                sql:
                    "INSERT OR IGNORE INTO blocks (segment, offset, stored_length, raw_length, message_count) VALUES (0, 0, 0, 0, 0)"
            )
            return try Int64.fetchOne(db, sql: "SELECT id FROM blocks WHERE segment = 0 AND offset = 0")!
        }
        var done = 0
        while done < count {
            let batch = min(10_000, count - done)
            try store.catalogue.pool.write { db in
                let blob = try db.makeStatement(
                    sql: "INSERT INTO blobs (sha256, block_id, position, size) VALUES (?, ?, 0, 0)")
                let message = try db.makeStatement(
                    sql: """
                        INSERT INTO messages (blob_id, account, folder, message_id, date, sender, recipients, subject, size,
                            flags, archived_at)
                        VALUES (?, 'bench', ?, ?, ?, ?, ?, ?, ?, '', 0)
                        """)
                let text = try db.makeStatement(
                    sql: "INSERT INTO message_text (rowid, subject, sender, recipients, body) VALUES (?, ?, ?, ?, ?)")
                for index in done..<(done + batch) {
                    func words(_ n: Int) -> String {
                        (0..<n).map { _ in vocabulary[zipf.next(&random)] }.joined(separator: " ")
                    }
                    let subject = words(6)
                    let sender = people[Int(random.next() % UInt64(people.count))]
                    let recipients = people[Int(random.next() % UInt64(people.count))]
                    let body = words(60 + Int(random.next() % 120))
                    var digest = Data(count: 32)
                    withUnsafeBytes(of: (UInt64(index) << 32 | seed & 0xFFFF_FFFF).bigEndian) {
                        digest.replaceSubrange(0..<8, with: $0)
                    }
                    try blob.execute(arguments: [digest, blockID])
                    try message.execute(arguments: [
                        db.lastInsertedRowID, ["INBOX", "Archives", "Classes", "Direction"][index % 4],
                        "<\(index)@bench>",
                        start + Int64(index) * 300, sender, recipients, subject, 2_000 + body.utf8.count,
                    ])
                    try text.execute(arguments: [db.lastInsertedRowID, subject, sender, recipients, body])
                }
            }
            done += batch
            progress(done)
        }
        return vocabulary
    }

    /// Pronounceable, distinct words: "bavo", "kelimu"…
    private static func word(_ index: Int) -> String {
        let consonants = Array("bcdfglmnprstv")
        let vowels = Array("aeiou")
        var value = index + 20
        var text = ""
        while value > 0 {
            text.append(consonants[value % consonants.count])
            value /= consonants.count
            text.append(vowels[value % vowels.count])
            value /= vowels.count
        }
        return text
    }
}

/// A small, seeded generator, so two runs build the same catalogue.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Ranks drawn with probability ∝ 1/rank (word frequencies in text follow roughly that law).
struct ZipfSampler {
    private let cumulative: [Double]
    init(size: Int) {
        var total = 0.0
        cumulative = (1...size).map { rank in
            total += 1 / Double(rank)
            return total
        }
    }
    func next(_ random: inout SplitMix) -> Int {
        let target = Double(random.next() >> 11) / Double(1 << 53) * cumulative.last!
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension ArchiveStore {
    /// Forgets the last decoded block, so that a benchmark's every read decompresses its block.
    @_spi(Benchmark) public func forgetDecodedBlock() { lastBlock = nil }

    /// Asks the kernel to drop the segments' cached pages, so that the next read goes to the disk.
    @_spi(Benchmark) public func dropSegmentPageCache() throws {
        for number in try segments.segments() { try reader(for: number).dropCache() }
    }
}
