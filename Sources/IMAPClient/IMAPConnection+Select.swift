import IMAPCore

extension IMAPConnection {
    /// SELECT: opens `mailbox` for reading and changing; with `condStore` (where the server has CONDSTORE),
    /// also its HIGHESTMODSEQ, and later fetches carry each message's MODSEQ.
    @discardableResult
    public func select(_ mailbox: MailboxName, condStore: Bool = false) async throws -> SelectedMailbox {
        try await open(mailbox, condStore: condStore, examine: false)
    }

    /// EXAMINE: opens `mailbox` read-only (fetches never set \Seen, nothing can be changed).
    @discardableResult
    public func examine(_ mailbox: MailboxName, condStore: Bool = false) async throws -> SelectedMailbox {
        try await open(mailbox, condStore: condStore, examine: true)
    }

    private func open(_ mailbox: MailboxName, condStore: Bool, examine: Bool) async throws -> SelectedMailbox {
        let condStore = condStore && hasCapability("CONDSTORE")
        // A failed SELECT leaves no mailbox selected (RFC 3501 6.3.1): forget the old one's CONDSTORE first.
        condStoreSelected = false
        let completion = try await execute(
            examine ? .examine(mailbox, condStore: condStore) : .select(mailbox, condStore: condStore))
        let selected = try SelectedMailbox(mailbox, completion, examined: examine)
        // Once CONDSTORE is enabled the server reports HIGHESTMODSEQ on every later SELECT too: MODSEQ can be
        // fetched wherever it does.
        condStoreSelected = selected.highestModSeq != nil && hasCapability("CONDSTORE")
        return selected
    }
}
