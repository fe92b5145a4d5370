import Foundation
import GRDB

/// The daemon's memory (`state.sqlite` under `state_dir`, WAL, synchronous=FULL): per folder the UIDVALIDITY and
/// the last UID done, the batch in flight, and the processing log. A commit is on disk when it returns: what the
/// store says is done stays done across a crash or a power cut.
public final class StateStore: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating it, 0600, and its folder, 0700, if missing) the store at `path`.
    public init(path: String) throws(DaemonError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            // The daemon, `mailsift sort` and `mailsift status` share the store: a writer waits its turn rather
            // than failing (and dropping its connection) on "database is locked".
            configuration.busyMode = .timeout(10)
            // The store names accounts, folders and Message-IDs: private, like the mail it describes.
            let previous = umask(0o077)
            defer { umask(previous) }
            pool = try DatabasePool(path: path, configuration: configuration)
            try StateSchema.migrator.migrate(pool)
        } catch {
            throw .stateStore("cannot open \(path): \(Self.describe(error))")
        }
    }

    /// Opens `state.sqlite` in `directory`.
    public convenience init(directory: String) throws(DaemonError) {
        try self.init(path: (directory as NSString).appendingPathComponent("state.sqlite"))
    }

    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(DaemonError) -> T {
        do { return try pool.write(body) } catch { throw .stateStore("\(what): \(Self.describe(error))") }
    }

    /// A write that is not waited onto the disk (synchronous=NORMAL for its commit): it survives the process
    /// being killed — the commit is in the kernel's cache — but not a power cut. For what is worth having after
    /// a crash and not an fsync on every use.
    func writeUnsynced(_ what: String, _ body: (Database) throws -> Void) throws(DaemonError) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                try db.inTransaction {
                    try body(db)
                    return .commit
                }
            }
        } catch { throw .stateStore("\(what): \(Self.describe(error))") }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(DaemonError) -> T {
        do { return try pool.read(body) } catch { throw .stateStore("\(what): \(Self.describe(error))") }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }
}
