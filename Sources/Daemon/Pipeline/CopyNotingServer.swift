/// A `FilingServer` that notes every COPY in the state store just before it goes out (`CopySent`), so that a
/// recovery after a crash knows which copies the server may still be making. A move is noted too where the
/// server has no MOVE, since it is then a COPY first.
struct CopyNotingServer: FilingServer {
    let base: any FilingServer
    let note: @Sendable (_ uids: [UInt32], _ mailbox: String) throws -> Void

    var hasMove: Bool { base.hasMove }

    func addFlags(_ flags: [String], to uids: [UInt32]) async throws { try await base.addFlags(flags, to: uids) }

    func removeFlags(_ flags: [String], from uids: [UInt32]) async throws {
        try await base.removeFlags(flags, from: uids)
    }

    func copy(_ uids: [UInt32], to mailbox: String) async throws {
        try note(uids, mailbox)
        try await base.copy(uids, to: mailbox)
    }

    func move(_ uids: [UInt32], to mailbox: String) async throws {
        if !base.hasMove { try note(uids, mailbox) }
        try await base.move(uids, to: mailbox)
    }

    func delete(_ uids: [UInt32]) async throws { try await base.delete(uids) }

    func create(_ mailbox: String) async throws { try await base.create(mailbox) }

    func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark { try await base.mark(mailbox) }

    func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]] { try await base.presentFlags(uids) }

    func identities(in mailbox: String, since mark: PendingBatch.MailboxMark) async throws -> [MessageIdentity] {
        try await base.identities(in: mailbox, since: mark)
    }
}
