import IMAPCore

extension IMAPConnection {
    /// Keeps the selected mailbox watched until the calling task is cancelled; changes arrive on `events`.
    ///
    /// With IDLE, the IDLE is ended and sent again every `renewIdleEvery`: servers may drop an IDLE after 30
    /// minutes (RFC 2177), and a dead connection shows itself when DONE gets no answer within the command
    /// timeout. Without IDLE, NOOP every `pollEvery` (whatever the server reports with it is an event).
    /// On cancellation it ends IDLE and returns, so the connection is ready for the next command.
    /// A connection the server closes meanwhile ends it at once with an `isConnectionClosed` error, not at the
    /// next renewal.
    public func keepWatching(renewIdleEvery: Duration = .seconds(28 * 60), pollEvery: Duration = .seconds(60)) async throws {
        let useIdle = hasCapability("IDLE")
        while !Task.isCancelled {
            if useIdle {
                try await startIdle()
                guard await pauseWhileOpen(renewIdleEvery) else { throw IMAPClientError.closed("the server closed the connection during IDLE") }
                try await endIdle()
            } else {
                try await execute(.noop)
                guard await pauseWhileOpen(pollEvery) else { throw IMAPClientError.closed("the server closed the connection") }
            }
        }
    }

    /// NOTIFY SET (RFC 5465) where offered: new and expunged messages of the selected mailbox (and with
    /// `otherMailboxes`, STATUS responses for the rest of the personal namespace) are reported without IDLE too.
    /// Returns false, sending nothing, where the server has no NOTIFY.
    @discardableResult
    public func notify(_ request: NotifyRequest) async throws -> Bool {
        guard hasCapability("NOTIFY") else { return false }
        try await execute(.notify(request))
        return true
    }
}
