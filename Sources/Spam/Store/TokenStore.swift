import Foundation
import GRDB

/// The learner's memory on disk (SQLite, WAL): token counts, how many messages of each class were trained, and
/// which messages were learned as what. Shared by the daemon (learn-on-move) and `mailsift learn`; a writer
/// waits for another rather than failing.
public final class TokenStore: Sendable {
    let pool: DatabasePool
    public let path: String
    public let limits: TokenStoreLimits
    /// Bumped when the tokenizer changes what tokens it makes; recorded with each learned message.
    public static let tokenizerVersion = 1

    /// Opens (creating it, 0600, and its folder, 0700, if missing) the store at `path`.
    public init(path: String, limits: TokenStoreLimits = .default) throws(SpamError) {
        self.path = path
        self.limits = limits
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // Tokens are hashes, but the learned-message fingerprints say which mail a user had: private.
            let previous = umask(0o077)
            defer { umask(previous) }
            pool = try DatabasePool(path: path, configuration: configuration)
            try TokenStoreSchema.migrator.migrate(pool)
        } catch {
            throw .store("cannot open \(path): \(Self.describe(error))")
        }
    }

    /// The whole store in memory, for scoring.
    public func table() throws(SpamError) -> TokenTable {
        try read("reading the tokens") { db in
            let totals = try Self.totals(db)
            var table = TokenTable(
                spamMessages: totals.spam, hamMessages: totals.ham,
                capacity: try Int.fetchOne(db, sql: "SELECT count(*) FROM token") ?? 0)
            let rows = try Row.fetchCursor(db, sql: "SELECT hash, spam, ham FROM token")
            while let row = try rows.next() {
                let hash: Int64 = row[0]
                table.set(
                    UInt64(bitPattern: hash),
                    TokenCounts(spam: UInt32(clamping: row[1] as Int64), ham: UInt32(clamping: row[2] as Int64)))
            }
            return table
        }
    }

    /// How much the store holds.
    public func summary() throws(SpamError) -> (tokens: Int, spamMessages: Int, hamMessages: Int) {
        try read("reading the totals") { db in
            let totals = try Self.totals(db)
            return (try Int.fetchOne(db, sql: "SELECT count(*) FROM token") ?? 0, totals.spam, totals.ham)
        }
    }

    /// The class a message was learned as, if it was.
    public func learnedClass(of fingerprint: MessageFingerprint) throws(SpamError) -> SpamClass? {
        try read("reading the learned messages") { db in
            try String.fetchOne(
                db, sql: "SELECT class FROM learned WHERE fingerprint = ?", arguments: [Data(fingerprint.bytes)]
            )
            .flatMap(SpamClass.init(rawValue:))
        }
    }

    /// The class a message was learned as and when (seconds since 1970), if it was.
    public func lesson(of fingerprint: MessageFingerprint) throws(SpamError) -> (
        spamClass: SpamClass, learnedAt: Int64
    )? {
        try read("reading the learned messages") { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT class, learned_at FROM learned WHERE fingerprint = ?",
                arguments: [Data(fingerprint.bytes)])
            guard let row, let spamClass = SpamClass(rawValue: row[0] as String) else { return nil }
            return (spamClass: spamClass, learnedAt: row[1] as Int64)
        }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(SpamError) -> T {
        do { return try pool.read(body) } catch { throw .store("\(what): \(Self.describe(error))") }
    }

    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(SpamError) -> T {
        do { return try pool.write(body) } catch { throw .store("\(what): \(Self.describe(error))") }
    }

    static func totals(_ db: Database) throws -> (spam: Int, ham: Int) {
        var totals = (spam: 0, ham: 0)
        for row in try Row.fetchAll(db, sql: "SELECT class, messages FROM corpus") {
            switch row[0] as String {
            case "spam": totals.spam = row[1]
            case "ham": totals.ham = row[1]
            default: continue
            }
        }
        return totals
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Days since 1970, the unit of `seen_day`.
    public static var today: Int { Int(Date().timeIntervalSince1970 / 86_400) }
}

extension TokenStore {
    /// How many learned-message fingerprints the store keeps.
    public func learnedCount() throws(SpamError) -> Int {
        try read("counting the learned messages") { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM learned") ?? 0
        }
    }
}
