@testable import Daemon

/// A real server with a crash put in: the `failAfter`-th change the filing makes is done by the server, and then
/// the "process dies" (an error is thrown) before the answer is used — the worst moment, where the server did
/// something the state store does not know.
final class FaultyServer: FilingServer, @unchecked Sendable {
    struct Crash: Error {}

    let inner: any FilingServer
    let failAfter: Int
    private(set) var changes = 0

    init(_ inner: any FilingServer, failAfter: Int) {
        self.inner = inner
        self.failAfter = failAfter
    }

    var hasMove: Bool { inner.hasMove }

    private func change(_ body: () async throws -> Void) async throws {
        try await body()
        changes += 1
        if changes == failAfter { throw Crash() }
    }

    func addFlags(_ flags: [String], to uids: [UInt32]) async throws {
        try await change { try await inner.addFlags(flags, to: uids) }
    }
    func removeFlags(_ flags: [String], from uids: [UInt32]) async throws {
        try await change { try await inner.removeFlags(flags, from: uids) }
    }
    func copy(_ uids: [UInt32], to mailbox: String) async throws {
        try await change { try await inner.copy(uids, to: mailbox) }
    }
    func move(_ uids: [UInt32], to mailbox: String) async throws {
        try await change { try await inner.move(uids, to: mailbox) }
    }
    func delete(_ uids: [UInt32]) async throws {
        try await change { try await inner.delete(uids) }
    }
    func create(_ mailbox: String) async throws {
        try await change { try await inner.create(mailbox) }
    }
    func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark { try await inner.mark(mailbox) }
    func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]] { try await inner.presentFlags(uids) }
    func identities(in mailbox: String, since mark: PendingBatch.MailboxMark) async throws -> [MessageIdentity] {
        try await inner.identities(in: mailbox, since: mark)
    }
}
