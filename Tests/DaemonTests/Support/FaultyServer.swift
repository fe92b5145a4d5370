@testable import Daemon

/// A real server with a crash put in: the `failAfter`-th change the filing makes is done by the server, and then
/// the "process dies" (an error is thrown) before the answer is used — the worst moment, where the server did
/// something the state store does not know.
final class FaultyServer: FilingServerWrapper, @unchecked Sendable {
    struct Crash: Error {}

    let base: any FilingServer
    let failAfter: Int
    private(set) var changes = 0

    init(_ base: any FilingServer, failAfter: Int) {
        self.base = base
        self.failAfter = failAfter
    }

    private func change(_ body: () async throws -> Void) async throws {
        try await body()
        changes += 1
        if changes == failAfter { throw Crash() }
    }

    func addFlags(_ flags: [String], to uids: [UInt32]) async throws {
        try await change { try await base.addFlags(flags, to: uids) }
    }
    func removeFlags(_ flags: [String], from uids: [UInt32]) async throws {
        try await change { try await base.removeFlags(flags, from: uids) }
    }
    func copy(_ uids: [UInt32], to mailbox: String) async throws {
        try await change { try await base.copy(uids, to: mailbox) }
    }
    func move(_ uids: [UInt32], to mailbox: String) async throws {
        try await change { try await base.move(uids, to: mailbox) }
    }
    func delete(_ uids: [UInt32]) async throws {
        try await change { try await base.delete(uids) }
    }
    func create(_ mailbox: String) async throws {
        try await change { try await base.create(mailbox) }
    }
}
