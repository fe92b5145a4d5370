/// Collects actions as the script runs, merging duplicates into their first occurrence the way Pigeonhole
/// does (the same mailbox twice, the same redirect address twice, keep plus `fileinto "INBOX"`), and
/// enforcing the action and redirect limits and the reject conflicts.
struct ActionList {
    struct Failure: Error {
        var message: String
    }

    private(set) var actions: [SieveAction] = []
    private var redirects = 0
    let limits: SieveLimits

    init(limits: SieveLimits) {
        self.limits = limits
    }

    mutating func store(mailbox: String, flags: [String], copy: Bool, create: Bool) throws(Failure) {
        let isDefault = mailbox.uppercased() == "INBOX"
        if let index = actions.firstIndex(where: { Self.storesInto($0, mailbox, isDefault) }) {
            // A second store into the same mailbox: merged; the last flags win (RFC 5232 3).
            switch actions[index] {
            case .keep: actions[index] = .keep(flags: flags)
            case .fileinto(let name, _, let firstCopy, let firstCreate):
                actions[index] = .fileinto(mailbox: name, flags: flags, copy: firstCopy, create: firstCreate || create)
            default: break
            }
            return
        }
        try checkReject(delivering: true)
        try append(isDefault ? .keep(flags: flags) : .fileinto(mailbox: mailbox, flags: flags, copy: copy, create: create))
    }

    mutating func redirect(_ address: String, copy: Bool) throws(Failure) {
        let normalized = Self.normalizedAddress(address)
        if actions.contains(where: { if case .redirect(let a, _) = $0 { a == normalized } else { false } }) { return }
        redirects += 1
        if redirects > limits.maxRedirects {
            throw Failure(message: "too many redirect actions (the limit is \(limits.maxRedirects))")
        }
        try checkReject(delivering: true)
        try append(.redirect(address: normalized, copy: copy))
    }

    mutating func discard() throws(Failure) {
        if actions.contains(.discard) { return }
        try append(.discard)
    }

    mutating func reject(_ reason: String, extended: Bool) throws(Failure) {
        if actions.contains(where: { if case .reject = $0 { true } else { false } }) {
            throw Failure(message: "reject/ereject can be used only once")
        }
        if actions.contains(where: { if case .vacation = $0 { true } else { false } }) {
            throw Failure(message: "reject conflicts with vacation: both reply to the sender")
        }
        try checkReject(delivering: false)
        try append(.reject(reason: reason, extended: extended))
    }

    mutating func vacation(_ reply: VacationReply) throws(Failure) {
        if actions.contains(where: { if case .vacation = $0 { true } else { false } }) {
            throw Failure(message: "a second vacation action is not allowed")
        }
        if actions.contains(where: { if case .reject = $0 { true } else { false } }) {
            throw Failure(message: "reject conflicts with vacation: both reply to the sender")
        }
        try append(.vacation(reply))
    }

    /// A second notification to the same recipients by the same method is a duplicate: the first one stands.
    mutating func notify(_ notification: Notification) throws(Failure) {
        if actions.contains(where: {
            if case .notify(let other) = $0 {
                other.method == notification.method && other.recipients == notification.recipients
            } else {
                false
            }
        }) {
            return
        }
        try append(.notify(notification))
    }

    private mutating func append(_ action: SieveAction) throws(Failure) {
        guard actions.count < limits.maxActions else {
            throw Failure(message: "too many actions (the limit is \(limits.maxActions))")
        }
        actions.append(action)
    }

    /// RFC 5429 2.1: reject cannot be combined with an action that delivers the message.
    private func checkReject(delivering: Bool) throws(Failure) {
        let hasReject = actions.contains { if case .reject = $0 { true } else { false } }
        let hasDelivery = actions.contains { action in
            switch action {
            case .keep, .fileinto, .redirect: true
            default: false
            }
        }
        if (delivering && hasReject) || (!delivering && hasDelivery) {
            throw Failure(message: "reject conflicts with another action that delivers the message (keep, fileinto or redirect)")
        }
    }

    private static func storesInto(_ action: SieveAction, _ mailbox: String, _ isDefault: Bool) -> Bool {
        switch action {
        case .keep: isDefault
        case .fileinto(let name, _, _, _): !isDefault && name == mailbox
        default: false
        }
    }

    /// Angle brackets removed and the domain in lower case, as Pigeonhole reports redirect targets.
    static func normalizedAddress(_ address: String) -> String {
        var text = address.trimmingWhitespace()
        if text.hasPrefix("<") && text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        guard let at = text.lastIndex(of: "@") else { return text }
        return String(text[..<at]) + "@" + text[text.index(after: at)...].lowercased()
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" })
        else { return "" }
        return String(scalars[first...last])
    }
}
