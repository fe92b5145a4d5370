import IMAPCore

/// How messages were moved, so the caller knows what is left to do.
public enum MoveOutcome: Sendable, Hashable {
    /// UID MOVE (RFC 6851).
    case moved
    /// UID COPY, then \\Deleted and UID EXPUNGE of exactly those UIDs (UIDPLUS).
    case copiedAndExpunged
    /// UID COPY and \\Deleted only: without UIDPLUS the only expunge is a plain EXPUNGE, which would also
    /// remove messages others marked deleted, so it is not sent. The originals stay, marked \\Deleted.
    case copiedAndMarkedDeleted
}

extension IMAPConnection {
    /// Moves messages of the selected mailbox to `destination`, in commands of bounded length: UID MOVE where
    /// the server has MOVE, else the copy-and-delete fallback, never a plain EXPUNGE.
    @discardableResult
    public func moveMessages(_ uids: UIDSet, to destination: MailboxName) async throws -> MoveOutcome {
        let chunks = uids.chunked()
        if hasCapability("MOVE") {
            for chunk in chunks { try await execute(.uidMove(chunk, to: destination)) }
            return .moved
        }
        for chunk in chunks { try await execute(.uidCopy(chunk, to: destination)) }
        for chunk in chunks { try await execute(.uidStore(chunk, .add, flags: ["\\Deleted"], silent: true)) }
        guard hasCapability("UIDPLUS") else { return .copiedAndMarkedDeleted }
        for chunk in chunks { try await execute(.uidExpunge(chunk)) }
        return .copiedAndExpunged
    }
}
