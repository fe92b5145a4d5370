import Crypto
import IMAPClient
import IMAPCore

/// Finds which messages of a batch the selected folder holds already, so that a second restore adds nothing and
/// a restore interrupted half-way, run again, adds each message once.
///
/// A message with a Message-ID: the folder's messages whose Message-ID header holds it (`UID SEARCH HEADER
/// Message-ID`, several joined by OR in one command) are fetched, and one whose SHA-256 equals the archived
/// bytes' (or the bytes appended, when their line ends were made CRLF) is the message.
///
/// A message without one: the candidates are the messages of the same size (`LARGER n-1 NOT LARGER n`) and,
/// when the archive kept one, the same internal date, compared by SHA-256 too. That is enough because the
/// SHA-256 of the whole bytes is what decides (equal bytes are the same message to whoever reads it; size and
/// date only narrow what is fetched), and a message this command restored always carries its archived internal
/// date, so its own earlier copy is always among the candidates. What it does not find: a copy another client
/// appended without that date (a separate server message by its metadata: it gets a second copy), and any
/// copy a server rewrote on APPEND (Cyrus's `munge8bit` changes 8-bit header bytes) — its bytes differ, so the
/// message is restored again on each run there, with or without a Message-ID.
struct ServerCopyFinder {
    let connection: IMAPConnection
    let budget: Int

    /// Message-IDs joined by OR in one UID SEARCH, at most; and their bytes together.
    static let maxKeysPerSearch = 32
    static let maxSearchBytes = 4_096
    /// A Message-ID longer than this, or with bytes other than printable ASCII, is searched for as a message
    /// without one (by size): a search string of another charset would need CHARSET, and a huge one a literal.
    static let maxMessageIDBytes = 512

    /// The ids (catalogue) of `messages` whose copy the selected folder holds.
    func present(_ messages: [RestoreAppend]) async throws -> Set<Int64> {
        var byID: [RestoreAppend] = []
        var bySize: [RestoreAppend] = []
        for message in messages {
            if let id = message.candidate.messageID, Self.searchable(id) {
                byID.append(message)
            } else {
                bySize.append(message)
            }
        }
        var found: Set<Int64> = []
        let idKeys = byID.map { SearchKey.header("Message-ID", $0.candidate.messageID!) }
        let idUIDs = try await search(idKeys)
        if !idUIDs.isEmpty {
            try await compare(idUIDs, with: byID, checkDate: false, into: &found)
        }
        let sizes = Set(bySize.map { $0.message.bytes.count }).sorted().filter { $0 > 0 }
        let sizeKeys = sizes.map { SearchKey.and([.larger(UInt64($0 - 1)), .not(.larger(UInt64($0)))]) }
        let sizeUIDs = try await search(sizeKeys)
        if !sizeUIDs.isEmpty {
            try await compare(sizeUIDs, with: bySize, checkDate: true, into: &found)
        }
        return found
    }

    static func searchable(_ messageID: String) -> Bool {
        !messageID.isEmpty && messageID.utf8.count <= maxMessageIDBytes
            && messageID.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The UIDs matching any of `keys`, in searches of bounded length.
    private func search(_ keys: [SearchKey]) async throws -> [UInt32] {
        var uids: Set<UInt32> = []
        var group: [SearchKey] = []
        var bytes = 0
        func run() async throws {
            guard var key = group.last else { return }
            for other in group.dropLast().reversed() { key = .or(other, key) }
            uids.formUnion(try await connection.searchUIDs(key))
            group = []
            bytes = 0
        }
        for key in keys {
            let size = Self.length(key)
            if !group.isEmpty && (group.count >= Self.maxKeysPerSearch || bytes + size > Self.maxSearchBytes) {
                try await run()
            }
            group.append(key)
            bytes += size
        }
        try await run()
        return uids.sorted()
    }

    private static func length(_ key: SearchKey) -> Int {
        if case .header(_, let value) = key { return value.utf8.count + 24 }
        return 48
    }

    /// Fetches `uids` whole and marks each message of `messages` one of them equals (same SHA-256; for messages
    /// without a Message-ID, the same internal date too when the archive has it).
    private func compare(
        _ uids: [UInt32], with messages: [RestoreAppend], checkDate: Bool, into found: inout Set<Int64>
    ) async throws {
        var byHash: [[UInt8]: [RestoreAppend]] = [:]
        for message in messages {
            for hash in message.hashes { byHash[hash, default: []].append(message) }
        }
        try await connection.fetch(UIDSet(uids: uids), parts: .whole, budget: budget) { copy in
            guard let bytes = copy.bytes, let matching = byHash[Array(SHA256.hash(data: bytes))] else { return }
            for message in matching {
                if checkDate, let date = message.candidate.internalDate,
                    copy.internalDate?.secondsSince1970 != date
                {
                    continue
                }
                found.insert(message.candidate.id)
            }
        }
    }
}
