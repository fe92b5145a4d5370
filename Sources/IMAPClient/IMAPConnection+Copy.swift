import IMAPCore

extension IMAPConnection {
    /// UID COPY of messages of the selected mailbox to `destination`, in commands of bounded length. Returns
    /// where each message went, from the servers' COPYUID codes (UIDPLUS); nil when no answer carried one
    /// (a server without UIDPLUS, or no message left to copy).
    @discardableResult
    public func copyMessages(_ uids: UIDSet, to destination: MailboxName) async throws -> CopiedUIDs? {
        var copied: CopiedUIDs?
        for chunk in uids.chunked() {
            let completion = try await execute(.uidCopy(chunk, to: destination))
            try collectCopyUIDs(completion, requested: chunk, into: &copied)
        }
        return copied
    }

    /// Adds the COPYUID codes of a COPY or MOVE answer (on the tagged OK for COPY, on an untagged OK before the
    /// EXPUNGEs for MOVE; both are looked at) to `copied`. The destination's UIDVALIDITY must stay the same
    /// across the commands of one call, and the pairs of one call stay within `IMAPLimits.maxSearchResults`.
    func collectCopyUIDs(_ completion: CommandCompletion, requested: UIDSet, into copied: inout CopiedUIDs?) throws {
        var codes = completion.untagged.compactMap { data -> ResponseCode? in
            if case .state(let state) = data, state.kind == .ok { return state.code } else { return nil }
        }
        if let code = completion.state.code { codes.append(code) }
        for case .copyUID(let uidValidity, let source, let destination) in codes {
            if let known = copied?.uidValidity, known != uidValidity {
                throw IMAPClientError.protocolViolation(
                    "COPYUID gives the destination UIDVALIDITY \(uidValidity) after \(known) in the same copy")
            }
            let room = limits.maxSearchResults - (copied?.pairs.count ?? 0)
            let pairs = try CopiedUIDs.pairs(
                source: source, destination: destination, requested: requested, maxPairs: room)
            copied = CopiedUIDs(uidValidity: uidValidity, pairs: (copied?.pairs ?? []) + pairs)
        }
    }
}
