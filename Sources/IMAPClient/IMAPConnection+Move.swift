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

/// What `IMAPConnection.move` did: how, and where each message went when the server said (COPYUID).
public struct MoveResult: Sendable, Hashable {
    public var outcome: MoveOutcome
    /// The destination UIDs, from COPYUID (UIDPLUS); nil when the server sent none.
    public var copied: CopiedUIDs?

    public init(outcome: MoveOutcome, copied: CopiedUIDs?) {
        self.outcome = outcome
        self.copied = copied
    }
}

extension IMAPConnection {
    /// Moves messages of the selected mailbox to `destination`, in commands of bounded length: UID MOVE where
    /// the server has MOVE, else the copy-and-delete fallback, never a plain EXPUNGE.
    @discardableResult
    public func moveMessages(_ uids: UIDSet, to destination: MailboxName) async throws -> MoveOutcome {
        try await move(uids, to: destination).outcome
    }

    /// `moveMessages`, also returning the UIDs the messages got in `destination` where the server has UIDPLUS:
    /// what a restarted daemon compares with its plan to know which moves of a crashed batch happened.
    @discardableResult
    public func move(_ uids: UIDSet, to destination: MailboxName) async throws -> MoveResult {
        let chunks = uids.chunked()
        var copied: CopiedUIDs?
        if hasCapability("MOVE") {
            for chunk in chunks {
                let completion = try await execute(.uidMove(chunk, to: destination))
                try collectCopyUIDs(completion, requested: chunk, into: &copied)
            }
            return MoveResult(outcome: .moved, copied: copied)
        }
        copied = try await copyMessages(uids, to: destination)
        for chunk in chunks { try await execute(.uidStore(chunk, .add, flags: ["\\Deleted"], silent: true)) }
        guard hasCapability("UIDPLUS") else { return MoveResult(outcome: .copiedAndMarkedDeleted, copied: copied) }
        for chunk in chunks { try await execute(.uidExpunge(chunk)) }
        return MoveResult(outcome: .copiedAndExpunged, copied: copied)
    }
}
