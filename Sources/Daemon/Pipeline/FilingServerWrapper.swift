/// A `FilingServer` in front of another that passes every call on unless it says otherwise: the seam's wrappers
/// (the COPY notes, and the tests' servers that fail on purpose) implement only the calls they change.
public protocol FilingServerWrapper: FilingServer {
    var base: any FilingServer { get }
}

extension FilingServerWrapper {
    public var hasMove: Bool { base.hasMove }

    public func addFlags(_ flags: [String], to uids: [UInt32]) async throws {
        try await base.addFlags(flags, to: uids)
    }

    public func removeFlags(_ flags: [String], from uids: [UInt32]) async throws {
        try await base.removeFlags(flags, from: uids)
    }

    public func copy(_ uids: [UInt32], to mailbox: String) async throws { try await base.copy(uids, to: mailbox) }

    public func move(_ uids: [UInt32], to mailbox: String) async throws { try await base.move(uids, to: mailbox) }

    public func delete(_ uids: [UInt32]) async throws { try await base.delete(uids) }

    public func create(_ mailbox: String) async throws { try await base.create(mailbox) }

    public func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark { try await base.mark(mailbox) }

    public func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]] {
        try await base.presentFlags(uids)
    }

    public func identities(in mailbox: String, since mark: PendingBatch.MailboxMark) async throws
        -> [MessageIdentity]
    {
        try await base.identities(in: mailbox, since: mark)
    }
}
