import IMAPCore

extension IMAPConnection {
    /// Appends `messages` to `mailbox`: one MULTIAPPEND where offered (all stored or none), else one APPEND
    /// each, in order. Returns the new UIDs where the server has UIDPLUS (empty otherwise).
    @discardableResult
    public func append(_ messages: [AppendMessage], to mailbox: MailboxName) async throws -> [UInt32] {
        guard !messages.isEmpty else { return [] }
        if messages.count > 1 && hasCapability("MULTIAPPEND") {
            return try Self.appendedUIDs(try await execute(.multiAppend(mailbox, messages)), expected: messages.count)
        }
        var uids: [UInt32] = []
        for message in messages {
            let completion = try await execute(
                .append(mailbox, flags: message.flags, internalDate: message.internalDate, message: message.bytes))
            uids += try Self.appendedUIDs(completion, expected: 1)
        }
        return uids
    }

    /// The UIDs of APPENDUID, which must name exactly the messages sent (a hostile `1:4294967295` is refused,
    /// not expanded).
    private static func appendedUIDs(_ completion: CommandCompletion, expected: Int) throws -> [UInt32] {
        guard case .appendUID(_, let uids) = completion.state.code else { return [] }
        let count = uids.ranges.reduce(UInt64(0)) { $0 + UInt64($1.count) }
        guard count == UInt64(expected) else {
            throw IMAPClientError.protocolViolation("APPENDUID names \(count) messages for \(expected) appended")
        }
        return uids.ranges.flatMap { Array($0) }
    }
}
