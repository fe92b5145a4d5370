/// A `FilingServer` that notes every COPY in the state store just before it goes out (`CopySent`), so that a
/// recovery after a crash knows which copies the server may still be making. A move is noted too where the
/// server has no MOVE, since it is then a COPY first.
struct CopyNotingServer: FilingServerWrapper {
    let base: any FilingServer
    let note: @Sendable (_ uids: [UInt32], _ mailbox: String) throws -> Void

    func copy(_ uids: [UInt32], to mailbox: String) async throws {
        try note(uids, mailbox)
        try await base.copy(uids, to: mailbox)
    }

    func move(_ uids: [UInt32], to mailbox: String) async throws {
        if !base.hasMove { try note(uids, mailbox) }
        try await base.move(uids, to: mailbox)
    }
}
