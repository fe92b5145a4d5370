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
        for chunk in UIDSet(uids: uids).chunked() {
            try await refusable {
                try await connection.execute(.uidStore(chunk, operation, flags: flags, silent: true))
            }
        }
    }

    func copy(_ uids: [UInt32], to mailbox: String) async throws {
        for chunk in UIDSet(uids: uids).chunked() {
            try await refusable { try await connection.execute(.uidCopy(chunk, to: MailboxName(mailbox))) }
        }
    }

    func move(_ uids: [UInt32], to mailbox: String) async throws {
        try await refusable { try await connection.moveMessages(UIDSet(uids: uids), to: MailboxName(mailbox)) }
    }

    func delete(_ uids: [UInt32]) async throws {
        let set = UIDSet(uids: uids)
        for chunk in set.chunked() {
            try await refusable {
                try await connection.execute(.uidStore(chunk, .add, flags: ["\\Deleted"], silent: true))
            }
        }
        // Without UIDPLUS only a plain EXPUNGE exists, which would remove what others marked: not sent.
        guard connection.hasCapability("UIDPLUS") else { return }
        for chunk in set.chunked() { try await refusable { try await connection.execute(.uidExpunge(chunk)) } }
    }

    func create(_ mailbox: String) async throws {
        do {
            try await connection.execute(.create(MailboxName(mailbox)))
        } catch let error as IMAPClientError where error.isRefused {
            // ALREADYEXISTS (RFC 5530), or a server without that code: it exists if STATUS answers.
            if case .other(let code, _)? = error.response?.code, code.uppercased() == "ALREADYEXISTS" { return }
            do { _ = try await mark(mailbox) } catch { throw FilingRefusal("cannot create \(mailbox): \(error)") }
        }
    }

    func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark {
        let completion = try await refusable {
            try await connection.execute(.status(MailboxName(mailbox), items: ["UIDVALIDITY", "UIDNEXT"]))
        }
        for case .status(_, let items) in completion.untagged {
            if let validity = items["UIDVALIDITY"], let next = items["UIDNEXT"], validity <= UInt32.max,
                next <= UInt32.max
            {
                return .init(uidValidity: UInt32(validity), uidNext: UInt32(next))
            }
        }
        throw DaemonError.pipeline("STATUS \(mailbox) gave no UIDVALIDITY and UIDNEXT")
    }

    func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]] {
        var present: [UInt32: [String]] = [:]
        let wanted = Set(uids)
        for chunk in UIDSet(uids: uids).chunked() {
            let completion = try await connection.execute(.uidFetch(chunk, items: [.uid, .flags], changedSince: nil))
            for case .fetch(_, let attributes) in completion.untagged {
                var uid: UInt32?
                var flags: [String] = []
                for attribute in attributes {
                    if case .uid(let value) = attribute { uid = value }
                    if case .flags(let value) = attribute { flags = value }
                }
                if let uid, wanted.contains(uid) { present[uid] = flags }
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
        _ = try await connection.execute(.select(MailboxName(folder), condStore: false))
        return found
    }

    private func identitiesOfExamined(_ mailbox: String, since mark: PendingBatch.MailboxMark) async throws
        -> [MessageIdentity]
    {
        let selected = try await connection.execute(.examine(MailboxName(mailbox), condStore: false))
        var validity: UInt32?
        for case .state(let state) in selected.untagged {
            if case .uidValidity(let value) = state.code { validity = value }
        }
        let from = validity == mark.uidValidity ? max(1, mark.uidNext) : 1
        var found: [MessageIdentity] = []
        let completion = try await connection.execute(
            .uidFetch(
                UIDSet([from...UInt32.max]),
                items: [.uid, .rfc822Size, .internalDate, .headerFields(["Message-ID"])], changedSince: nil))
        for case .fetch(_, let attributes) in completion.untagged {
            let fetched = FetchedParts(attributes)
            guard let uid = fetched.uid, uid >= from else { continue }  // n:* always names the last message
            found.append(
                MessageIdentity(
                    Message(fetched.bytes ?? [], scope: .headers), size: fetched.size ?? 0,
                    internalDate: fetched.internalDate))
        }
        return found
    }

    private func refusable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as IMAPClientError where error.isRefused {
            throw FilingRefusal(error.response.map { "\($0.kind.rawValue) \($0.text)" } ?? "\(error)")
        }
    }
}
