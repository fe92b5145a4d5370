import Spam

/// Learns messages in transactions of a few hundred: one commit per message would make a 10,000-message Maildir
/// wait on 10,000 fsyncs.
struct BatchLearner {
    let store: TokenStore
    let spamClass: SpamClass
    let tokenizer = MessageTokenizer()
    static let batchSize = 500
    private var pending: [TokenStore.Lesson] = []
    private(set) var read = 0
    private(set) var outcomes: [TokenStore.LearnOutcome: Int] = [:]
    var problems = 0

    init(store: TokenStore, spamClass: SpamClass) {
        self.store = store
        self.spamClass = spamClass
    }

    mutating func add(_ bytes: [UInt8]) throws(SpamError) {
        read += 1
        pending.append(
            TokenStore.Lesson(
                tokens: tokenizer.tokens(of: bytes).hashes, fingerprint: MessageFingerprint(of: bytes),
                spamClass: spamClass))
        if pending.count >= Self.batchSize { try flush() }
    }

    mutating func flush() throws(SpamError) {
        guard !pending.isEmpty else { return }
        for outcome in try store.learn(pending) { outcomes[outcome, default: 0] += 1 }
        pending.removeAll(keepingCapacity: true)
    }

    func report(spamClass name: String) -> String {
        let learned = outcomes[.learned, default: 0] + outcomes[.relearned, default: 0]
        var line = "learned \(learned) \(learned == 1 ? "message" : "messages") as \(name)"
        var notes: [String] = []
        if let flipped = outcomes[.relearned] {
            notes.append("\(flipped) of them had been learned as the other class: that was taken back first")
        }
        if let again = outcomes[.alreadyLearned] {
            notes.append("\(again) already learned as \(name), left as they were")
        }
        if problems > 0 { notes.append("\(problems) could not be read") }
        if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
        return line
    }
}
