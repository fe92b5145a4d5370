import Sieve

/// Turns the rules' outcome for one message into what is done on the server.
///
/// - `keep` (explicit or implicit) leaves the message in its folder, with the keep's flags added;
///   `fileinto` the folder it is in counts as a keep.
/// - Every other `fileinto` is a copy, except that a message not kept is *moved* to its last destination.
/// - An explicit `discard` with nothing else deletes it.
/// - Redirect, reject, vacation and notify are not carried out yet (no mail submission): each is listed in the
///   plan's `notCarriedOut`. A message that a redirect or reject took away from its folder stays instead:
///   with those actions not done, removing it would lose it.
/// - A run that failed (a limit, a conflict) keeps the message, as Sieve's implicit keep does.
enum PlanBuilder {
    static func plan(
        _ outcome: SieveOutcome, uid: UInt32, identity: MessageIdentity, flags: [String], folder: String,
        decidedBy: [String] = []
    ) -> MessagePlan {
        var plan = MessagePlan(
            uid: uid, identity: identity, originalFlags: flags, disposition: .keep(flags: []), decidedBy: decidedBy)
        if let failure = outcome.runtimeError {
            plan.notCarriedOut.append("the rules failed (\(failure)): the message stays where it is")
            return plan
        }
        var keptWith: [String]? = outcome.implicitKeep
        var deliveries: [MessagePlan.Delivery] = []
        var discarded = false
        var tookAway = false
        for action in outcome.actions {
            switch action {
            case .keep(let keepFlags):
                keptWith = union(keptWith ?? [], keepFlags)
            case .fileinto(let mailbox, let fileFlags, _, let create):
                if isSameFolder(mailbox, folder) {
                    keptWith = union(keptWith ?? [], fileFlags)
                } else {
                    deliveries.append(.init(mailbox: mailbox, flags: fileFlags, create: create))
                }
            case .discard:
                discarded = true
            case .redirect(let address, let copy):
                if !copy { tookAway = true }
                plan.notCarriedOut.append("redirect to \(address) (mail submission does not exist yet)")
            case .reject(let reason, let extended):
                tookAway = true
                plan.notCarriedOut.append(
                    "\(extended ? "ereject" : "reject") \"\(reason)\" (mail submission does not exist yet)")
            case .vacation(let reply):
                plan.notCarriedOut.append(
                    "vacation reply\(reply.subject.map { " \"\($0)\"" } ?? "") (mail submission does not exist yet)")
            case .notify(let notification):
                plan.notCarriedOut.append(
                    "notify by \(notification.method) \(notification.recipients.joined(separator: ", "))"
                        + " (mail submission does not exist yet)")
            }
        }
        // Flags already on the message need no STORE.
        let newFlags = { (wanted: [String]) in wanted.filter { !contains(flags, $0) } }
        if keptWith == nil && deliveries.isEmpty && tookAway {
            keptWith = []
            plan.notCarriedOut.append("the message stays where it is, since it was not sent on")
        }
        if let keptWith {
            plan.copies = deliveries
            plan.disposition = .keep(flags: newFlags(keptWith))
        } else if let last = deliveries.last {
            plan.copies = Array(deliveries.dropLast())
            plan.disposition = .move(last)
        } else if discarded {
            plan.disposition = .delete
        } else {
            plan.notCarriedOut.append("nothing said where the message goes: it stays where it is")
        }
        return plan
    }

    /// Mailbox names compare exactly, except INBOX, which is INBOX in any case (RFC 3501 5.1).
    static func isSameFolder(_ a: String, _ b: String) -> Bool {
        a == b || (a.uppercased() == "INBOX" && b.uppercased() == "INBOX")
    }

    /// System flags compare without case (RFC 3501 2.3.2), keywords too in practice (Dovecot, Cyrus).
    static func contains(_ flags: [String], _ flag: String) -> Bool {
        flags.contains { $0.lowercased() == flag.lowercased() }
    }

    static func union(_ a: [String], _ b: [String]) -> [String] {
        a + b.filter { !contains(a, $0) }
    }
}
