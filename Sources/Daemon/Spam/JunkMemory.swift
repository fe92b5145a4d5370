import Spam

/// What the daemon knows of one account's Junk folder, for learning from the user's moves: which messages it put
/// there itself (the state store's deliveries) and which the user taught as spam (the token store).
struct JunkMemory: Sendable {
    let store: StateStore
    let account: String
    /// The Junk folder the daemon watches (`junk_folder`).
    let junk: String

    /// The daemon moved or copied this message into Junk itself (in a batch done, or one under way): seeing it
    /// arrive there is not the user's doing.
    func deliveredToJunk(_ fingerprint: String) -> Bool {
        if (try? store.delivered([fingerprint], account: account, folder: junk).contains(fingerprint)) == true {
            return true
        }
        return (try? store.isUnderWay(to: junk, fingerprint: fingerprint, account: account)) == true
    }

    /// The message, now outside Junk, was in Junk: put there by the daemon, or learned as spam when the user put
    /// it there. Its arrival elsewhere is the user taking it out.
    func cameFromJunk(identity: String, bytes: [UInt8], learner: SharedLearner) -> Bool {
        if deliveredToJunk(identity) { return true }
        return (try? learner.store.learnedClass(of: MessageFingerprint(of: bytes))) == .spam
    }
}
