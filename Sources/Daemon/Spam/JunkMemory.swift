import Spam

/// What the daemon knows of one account's Junk folder, for learning from the user's moves: which messages it put
/// there itself (the state store's deliveries) and which the user taught as spam (the token store).
struct JunkMemory: Sendable {
    let store: StateStore
    let account: String
    /// The Junk folder the daemon watches (`junk_folder`).
    let junk: String
    /// The folder the server marks `\Junk`, where the scoring sends spam when there is one: it may be another
    /// than `junk_folder` ("Junk E-mail", "[Gmail]/Spam"), and what mailsift put there came from Junk too.
    var serverJunk: String? = nil

    /// The daemon moved or copied this message into Junk itself (in a batch done — at `since` or later when
    /// given —, or one under way): seeing it arrive there is not the user's doing.
    func deliveredToJunk(_ fingerprint: String, since: Int64? = nil) -> Bool {
        for folder in [junk] + [serverJunk].compactMap({ $0 }) {
            // The batch under way first: its commit records the delivery and drops the batch in one transaction,
            // so read in this order one of the two is seen; in the other, a commit in between hides both.
            if (try? store.isUnderWay(to: folder, fingerprint: fingerprint, account: account)) == true { return true }
            if let time = try? store.deliveryTime(fingerprint, account: account, folder: folder),
                time >= since ?? .min
            {
                return true
            }
        }
        return false
    }

    /// The message, now outside Junk, was in Junk: put there by the daemon, or learned as spam when the user put
    /// it there. Its arrival elsewhere is the user taking it out.
    func cameFromJunk(identity: String, bytes: [UInt8], learner: SharedLearner) -> Bool {
        if deliveredToJunk(identity) { return true }
        return (try? learner.store.learnedClass(of: MessageFingerprint(of: bytes))) == .spam
    }
}
