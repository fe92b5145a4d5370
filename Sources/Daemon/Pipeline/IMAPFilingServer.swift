import IMAPClient
import IMAPCore
import MailMessage

/// `FilingServer` on an IMAP connection with `folder` selected. A NO from the server becomes a
/// `FilingRefusal`; every other failure is passed on (the connection is then unusable).
struct IMAPFilingServer: FilingServer {
    let connection: IMAPConnection
    let folder: String

    var hasMove: Bool { connection.hasCapability("MOVE") }

    func addFlags(_ flags: [String], to uids: [UInt32]) async throws {
        try await store(.add, flags, uids)
    }

    func removeFlags(_ flags: [String], from uids: [UInt32]) async throws {
        try await store(.remove, flags, uids)
    }

    private func store(_ operation: StoreOperation, _ flags: [String], _ uids: [UInt32]) async throws {
        try await refusable { try await connection.storeFlags(UIDSet(uids: uids), operation, flags) }
    }

    func copy(_ uids: [UInt32], to mailbox: String) async throws {
        try await refusable { _ = try await connection.copyMessages(UIDSet(uids: uids), to: MailboxName(mailbox)) }
    }

    func move(_ uids: [UInt32], to mailbox: String) async throws {
        try await refusable { _ = try await connection.move(UIDSet(uids: uids), to: MailboxName(mailbox)) }
    }

    func delete(_ uids: [UInt32]) async throws {
        let set = UIDSet(uids: uids)
        try await refusable { try await connection.storeFlags(set, .add, ["\\Deleted"]) }
        // Without UIDPLUS only a plain EXPUNGE exists, which would remove what others marked: not sent.
        guard connection.hasCapability("UIDPLUS") else { return }
        for chunk in set.chunked() { try await refusable { try await connection.execute(.uidExpunge(chunk)) } }
    }

    func create(_ mailbox: String) async throws {
        try await refusable { _ = try await connection.createMailbox(MailboxName(mailbox)) }
    }

    func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark {
        let status = try await refusable {
            try await connection.status(MailboxName(mailbox), items: [.uidValidity, .uidNext])
        }
        guard let validity = status.uidValidity, let next = status.uidNext else {
            throw DaemonError.pipeline("STATUS \(mailbox) gave no UIDVALIDITY and UIDNEXT")
        }
        return .init(uidValidity: validity, uidNext: next)
    }

    func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]] {
        var present: [UInt32: [String]] = [:]
        let wanted = Set(uids)
        for chunk in UIDSet(uids: uids).chunked() {
            let completion = try await connection.execute(.uidFetch(chunk, items: [.uid, .flags], changedSince: nil))
            for message in FetchedMessage.messages(in: completion.untagged) where wanted.contains(message.uid) {
                present[message.uid] = message.flags
            }
        }
        return present
    }

    func identities(in mailbox: String, since mark: PendingBatch.MailboxMark) async throws -> [MessageIdentity] {
        // A failed EXAMINE leaves no folder selected (RFC 3501 6.3.2): the folder is selected again either way.
        let found: [MessageIdentity]
        do {
            found = try await identitiesOfExamined(mailbox, since: mark)
        } catch let error as IMAPClientError where error.isRefused {
            // The mailbox does not exist (a `:create` that had not happened yet): nothing of ours is in it.
            found = []
        }
        _ = try await connection.select(MailboxName(folder))
        return found
    }

    private func identitiesOfExamined(_ mailbox: String, since mark: PendingBatch.MailboxMark) async throws
        -> [MessageIdentity]
    {
        let examined = try await connection.examine(MailboxName(mailbox))
        let from = examined.uidValidity == mark.uidValidity ? max(1, mark.uidNext) : 1
        var found: [MessageIdentity] = []
        // fetch narrows n:* by UID SEARCH, so "n:*" never brings the last message when it is below n.
        try await connection.fetch(UIDSet([from...UInt32.max]), parts: .headerFields(MessageIdentity.headerFields)) {
            message in
            guard message.uid >= from else { return }
            found.append(
                MessageIdentity(
                    Message(message.bytes ?? [], scope: .headers), size: message.size ?? 0,
                    internalDate: message.internalDate.map(MessageIdentity.describe)))
        }
        return found
    }

    /// A NO is a refusal of that part of the plan, except where the server says it is busy for now ([INUSE],
    /// [UNAVAILABLE], RFC 5530): then the batch stops, stays under way, and is finished on the next attempt,
    /// rather than its messages being left unfiled for good.
    private func refusable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as IMAPClientError where error.isRefused {
            let said = error.said
            if error.saysBusy {
                throw DaemonError.pipeline("the server cannot do it for now (\(said)); the batch is finished later")
            }
            throw FilingRefusal(said)
        }
    }
}
