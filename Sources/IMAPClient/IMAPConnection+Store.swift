import IMAPCore

extension IMAPConnection {
    /// UID STORE …FLAGS.SILENT on messages of the selected mailbox: adds, removes or replaces flags and
    /// keywords, in commands of bounded length. A flag that cannot be written (a space, a parenthesis) is an
    /// `isInvalidArgument` error and nothing is sent. Adding or removing no flag sends nothing.
    public func storeFlags(_ uids: UIDSet, _ operation: StoreOperation, _ flags: [String]) async throws {
        guard !flags.isEmpty || operation == .replace else { return }
        for chunk in uids.chunked() { try await execute(.uidStore(chunk, operation, flags: flags, silent: true)) }
    }
}
