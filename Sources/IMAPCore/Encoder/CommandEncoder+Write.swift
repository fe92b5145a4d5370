extension CommandEncoder {
    func write(_ command: Command, into w: inout CommandWriter) {
        switch command {
        case .capability: w.raw("CAPABILITY")
        case .noop: w.raw("NOOP")
        case .logout: w.raw("LOGOUT")
        case .startTLS: w.raw("STARTTLS")
        case .idle: w.raw("IDLE")
        case .namespace: w.raw("NAMESPACE")
        case .compressDeflate: w.raw("COMPRESS DEFLATE")
        case .login(let user, let password):
            w.raw("LOGIN ")
            w.astring(user)
            w.raw(" ")
            w.astring(password.exposed)
        case .authenticatePlain(let authorizationID, let user, let password):
            let message = Array(authorizationID.utf8) + [0] + Array(user.utf8) + [0] + Array(password.exposed.utf8)
            sasl("PLAIN", message, into: &w)
        case .authenticateXOAuth2(let user, let token):
            sasl("XOAUTH2", Array("user=\(user)\u{1}auth=Bearer \(token.exposed)\u{1}\u{1}".utf8), into: &w)
        case .authenticateOAuthBearer(let user, let host, let port, let token):
            let message = "n,a=\(user),\u{1}host=\(host)\u{1}port=\(port)\u{1}auth=Bearer \(token.exposed)\u{1}\u{1}"
            sasl("OAUTHBEARER", Array(message.utf8), into: &w)
        case .enable(let capabilities):
            w.raw("ENABLE " + capabilities.joined(separator: " "))
        case .select(let mailbox, let condStore, let qresync), .examine(let mailbox, let condStore, let qresync):
            if case .select = command { w.raw("SELECT ") } else { w.raw("EXAMINE ") }
            w.mailbox(mailbox)
            if let qresync {
                w.raw(" (QRESYNC (\(qresync.uidValidity) \(qresync.modSeq)")
                if let known = qresync.knownUIDs { w.raw(" \(known)") }
                w.raw("))")
            } else if condStore {
                w.raw(" (CONDSTORE)")
            }
        case .unselect: w.raw("UNSELECT")
        case .create(let mailbox):
            w.raw("CREATE ")
            w.mailbox(mailbox)
        case .delete(let mailbox):
            w.raw("DELETE ")
            w.mailbox(mailbox)
        case .list(let pattern, let specialUse, let status):
            w.raw("LIST \"\" ")
            w.mailbox(pattern)
            var returns: [String] = []
            if specialUse { returns.append("SPECIAL-USE") }
            if !status.isEmpty { returns.append("STATUS (" + status.joined(separator: " ") + ")") }
            if !returns.isEmpty { w.raw(" RETURN (" + returns.joined(separator: " ") + ")") }
        case .status(let mailbox, let items):
            w.raw("STATUS ")
            w.mailbox(mailbox)
            w.raw(" (" + items.joined(separator: " ") + ")")
        case .uidSearch(let key, let returnOptions):
            w.raw("UID SEARCH ")
            if let returnOptions { w.raw("RETURN (" + returnOptions.joined(separator: " ") + ") ") }
            search(key, into: &w)
        case .uidFetch(let uids, let items, let changedSince):
            w.raw("UID FETCH \(uids) (" + items.map(Self.fetchItem).joined(separator: " ") + ")")
            if let changedSince { w.raw(" (CHANGEDSINCE \(changedSince))") }
        case .uidStore(let uids, let operation, let flags, let silent):
            w.raw(
                "UID STORE \(uids) \(operation.rawValue)\(silent ? ".SILENT" : "") (" + flags.joined(separator: " ")
                    + ")")
        case .uidCopy(let uids, let mailbox), .uidMove(let uids, let mailbox):
            if case .uidCopy = command { w.raw("UID COPY \(uids) ") } else { w.raw("UID MOVE \(uids) ") }
            w.mailbox(mailbox)
        case .uidExpunge(let uids):
            w.raw("UID EXPUNGE \(uids)")
        case .append(let mailbox, let flags, let internalDate, let message):
            w.raw("APPEND ")
            w.mailbox(mailbox)
            appendMessage(AppendMessage(flags: flags, internalDate: internalDate, bytes: message), into: &w)
        case .multiAppend(let mailbox, let messages):
            w.raw("APPEND ")
            w.mailbox(mailbox)
            for message in messages { appendMessage(message, into: &w) }
        case .notify(let request):
            guard let request else {
                w.raw("NOTIFY NONE")
                break
            }
            w.raw("NOTIFY SET (SELECTED (MessageNew MessageExpunge" + (request.flagChanges ? " FlagChange" : "") + "))")
            if request.otherMailboxes { w.raw(" (PERSONAL (MessageNew MessageExpunge))") }
            if !request.mailboxes.isEmpty {
                w.raw(" (MAILBOXES (")
                for (index, mailbox) in request.mailboxes.enumerated() {
                    if index > 0 { w.raw(" ") }
                    w.mailbox(mailbox)
                }
                w.raw(") (MessageNew MessageExpunge))")
            }
        case .getQuotaRoot(let mailbox):
            w.raw("GETQUOTAROOT ")
            w.mailbox(mailbox)
        case .getQuota(let root):
            w.raw("GETQUOTA ")
            w.astring(root)
        case .id(let fields):
            w.raw("ID ")
            if fields.isEmpty {
                w.raw("NIL")
            } else {
                w.raw("(")
                for (index, key) in fields.keys.sorted().enumerated() {
                    if index > 0 { w.raw(" ") }
                    w.string(key)
                    w.raw(" ")
                    w.string(fields[key]!)
                }
                w.raw(")")
            }
        }
    }

    /// ` (flags) "date" {N}` and the message: one APPEND or one message of a MULTIAPPEND.
    private func appendMessage(_ message: AppendMessage, into w: inout CommandWriter) {
        if !message.flags.isEmpty { w.raw(" (" + message.flags.joined(separator: " ") + ")") }
        if let internalDate = message.internalDate {
            w.raw(" ")
            w.string(internalDate)
        }
        w.raw(" ")
        w.literal(message.bytes)
    }

    /// AUTHENTICATE MECHANISM with the first message inline (SASL-IR) or after the server's `+`.
    private func sasl(_ mechanism: String, _ message: [UInt8], into w: inout CommandWriter) {
        w.raw("AUTHENTICATE \(mechanism)")
        let encoded = Base64.encode(message)
        if saslInitialResponse {
            w.raw(" " + encoded)
        } else {
            w.raw("\r\n")
            w.waitForContinuation()
            w.raw(encoded)
        }
    }

    private static func fetchItem(_ item: FetchItem) -> String {
        switch item {
        case .uid: return "UID"
        case .flags: return "FLAGS"
        case .internalDate: return "INTERNALDATE"
        case .rfc822Size: return "RFC822.SIZE"
        case .modSeq: return "MODSEQ"
        case .envelope: return "ENVELOPE"
        case .header: return "BODY.PEEK[HEADER]"
        case .headerFields(let names): return "BODY.PEEK[HEADER.FIELDS (" + names.joined(separator: " ") + ")]"
        case .body: return "BODY.PEEK[]"
        case .binary(let section): return "BINARY.PEEK[\(section)]"
        }
    }

    private func search(_ key: SearchKey, into w: inout CommandWriter) {
        switch key {
        case .all: w.raw("ALL")
        case .uids(let uids): w.raw("UID \(uids)")
        case .before(let day): w.raw("BEFORE \(day)")
        case .since(let day): w.raw("SINCE \(day)")
        case .larger(let size): w.raw("LARGER \(size)")
        case .seen: w.raw("SEEN")
        case .unseen: w.raw("UNSEEN")
        case .flagged: w.raw("FLAGGED")
        case .deleted: w.raw("DELETED")
        case .keyword(let keyword): w.raw("KEYWORD \(keyword)")
        case .modSeqSince(let value): w.raw("MODSEQ \(value)")
        case .header(let name, let value):
            w.raw("HEADER ")
            w.astring(name)
            w.raw(" ")
            w.astring(value)
        case .not(let inner):
            w.raw("NOT ")
            search(inner, into: &w)
        case .or(let left, let right):
            w.raw("OR ")
            search(left, into: &w)
            w.raw(" ")
            search(right, into: &w)
        case .and(let keys):
            w.raw("(")
            for (index, inner) in keys.enumerated() {
                if index > 0 { w.raw(" ") }
                search(inner, into: &w)
            }
            w.raw(")")
        }
    }
}
