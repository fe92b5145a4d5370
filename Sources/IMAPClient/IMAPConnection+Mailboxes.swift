import IMAPCore

extension IMAPConnection {
    /// CREATE: true when the mailbox was made, false when it existed already: a `fileinto :create` that
    /// another client (or a previous run cut short) beat to it is not an error. The server says "already
    /// exists" with the ALREADYEXISTS code (RFC 5530) or, without a code, in its text (older Dovecot).
    @discardableResult
    public func createMailbox(_ mailbox: MailboxName) async throws -> Bool {
        do {
            try await execute(.create(mailbox))
            return true
        } catch let error as IMAPClientError where error.isRefused && Self.meansAlreadyExists(error.response) {
            return false
        }
    }

    static func meansAlreadyExists(_ response: ResponseState?) -> Bool {
        guard let response, response.kind == .no else { return false }
        switch response.code {
        case .other(let name, _)?: return name == "ALREADYEXISTS"
        case nil: return response.text.lowercased().contains("already exists")
        default: return false
        }
    }

    /// STATUS of a mailbox (not the selected one: RFC 3501 advises against it). Items the server cannot
    /// answer (SIZE without STATUS=SIZE or IMAP4rev2, HIGHESTMODSEQ without CONDSTORE) are not asked, and nil.
    public func status(
        _ mailbox: MailboxName, items: [MailboxStatus.Item] = MailboxStatus.Item.allCases
    ) async throws -> MailboxStatus {
        let asked = items.filter { item in
            switch item {
            case .size: return hasCapability("STATUS=SIZE") || hasCapability("IMAP4rev2")
            case .highestModSeq: return hasCapability("CONDSTORE")
            default: return true
            }
        }
        guard !asked.isEmpty else { return MailboxStatus(name: mailbox) }
        let completion = try await execute(.status(mailbox, items: asked.map(\.rawValue)))
        var answers: [(MailboxName, [String: UInt64])] = []
        for case .status(let name, let values) in completion.untagged { answers.append((name, values)) }
        // The one for this mailbox (with NOTIFY, others' may come too), its name written either way (modified
        // UTF-7 or UTF-8) and INBOX in any case.
        guard let answer = answers.first(where: { Self.sameMailbox($0.0, mailbox) }) else {
            throw IMAPClientError.protocolViolation("no STATUS response for \(mailbox)")
        }
        return try MailboxStatus(mailbox, items: answer.1)
    }

    static func sameMailbox(_ a: MailboxName, _ b: MailboxName) -> Bool {
        if a == b || a.description == b.description { return true }
        return a.description.uppercased() == "INBOX" && b.description.uppercased() == "INBOX"
    }

    /// LIST "" "*": every mailbox of the account, with SPECIAL-USE attributes where the server has them.
    /// Bounded like any command's answer (`IMAPLimits.maxUntaggedBytesPerCommand`).
    public func listMailboxes() async throws -> [MailboxListEntry] {
        let completion = try await execute(
            .list(pattern: MailboxName(raw: Array("*".utf8)), specialUse: hasCapability("SPECIAL-USE"), status: []))
        return completion.untagged.compactMap { data in if case .list(let entry) = data { entry } else { nil } }
    }
}
