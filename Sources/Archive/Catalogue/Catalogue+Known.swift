import Foundation
import GRDB

/// What the catalogue already holds of one batch's contents: the duplicate check of `archive(_:)`, read in one
/// transaction with a statement per 500 contents, instead of two queries (and two pool reads) per message.
struct KnownContents: Sendable {
    /// A message row's identity: its content's blob in one account's folder (the catalogue's unique key).
    struct Place: Hashable, Sendable {
        var blob: Int64
        var account: String
        var folder: String
    }

    /// The blob of each content asked about that is stored, by SHA-256.
    var blobs: [Data: Int64] = [:]
    /// The message rows of those blobs in the folders asked about.
    var messages: [Place: Int64] = [:]
}

extension Catalogue {
    /// Values bound to one lookup statement: far under SQLite's limit (32,766), and a statement's work bounded.
    static let lookupChunk = 500

    /// The stored blobs of `wanted`'s contents, and each one's message row in the account and folder it is
    /// wanted in. A content not stored has no row anywhere, so only stored ones are looked up in `messages`, by
    /// folder, through the (account, folder, blob_id) index.
    func known(_ wanted: [(sha256: Data, account: String, folder: String)]) throws(ArchiveError) -> KnownContents {
        try read("catalogue lookup") { db in
            var known = KnownContents()
            let hashes = Array(Set(wanted.map(\.sha256)))
            for start in stride(from: 0, to: hashes.count, by: Self.lookupChunk) {
                let chunk = hashes[start..<min(start + Self.lookupChunk, hashes.count)]
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, sha256 FROM blobs WHERE sha256 IN (\(Self.marks(chunk.count)))",
                    arguments: StatementArguments(chunk.map { $0 as (any DatabaseValueConvertible)? }))
                while let row = try rows.next() { known.blobs[row["sha256"]] = row["id"] }
            }
            guard !known.blobs.isEmpty else { return known }
            var byFolder: [FolderKey: Set<Int64>] = [:]
            for item in wanted {
                if let blob = known.blobs[item.sha256] {
                    byFolder[FolderKey(account: item.account, folder: item.folder), default: []].insert(blob)
                }
            }
            for (place, blobSet) in byFolder {
                let blobs = Array(blobSet)
                for start in stride(from: 0, to: blobs.count, by: Self.lookupChunk) {
                    let chunk = blobs[start..<min(start + Self.lookupChunk, blobs.count)]
                    let values: [(any DatabaseValueConvertible)?] = [place.account, place.folder] + chunk.map { $0 }
                    let rows = try Row.fetchCursor(
                        db,
                        sql: "SELECT id, blob_id FROM messages WHERE account = ? AND folder = ?"
                            + " AND blob_id IN (\(Self.marks(chunk.count)))",
                        arguments: StatementArguments(values))
                    while let row = try rows.next() {
                        known.messages[
                            KnownContents.Place(blob: row["blob_id"], account: place.account, folder: place.folder)] =
                            row["id"]
                    }
                }
            }
            return known
        }
    }

    private struct FolderKey: Hashable {
        var account: String
        var folder: String
    }

    /// "?, ?, ?" for `count` values.
    static func marks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
