import MailMessage
import NIOConcurrencyHelpers
import Sieve
import Spam

/// One token store and its table in memory, shared by every account that learns into it. Scoring reads the table
/// under a lock (a dictionary copy-on-write, so a reader never waits on a learner for long); learning writes the
/// store, then the new counts are applied to the table.
public final class SharedLearner: Sendable {
    public let store: TokenStore
    private let table: NIOLockedValueBox<TokenTable>
    /// Held from a lesson's write to the store until the table has it too, and while the table is read again: two
    /// accounts' lessons (or a lesson and a reload) applied to the table in another order than the store's would
    /// leave the table with counts the store does not have.
    private let learning = NIOLock()
    let tokenizer = MessageTokenizer()
    let classifier: BayesClassifier
    let bands: [BayesBand]

    public init(store: TokenStore, settings: LearnerSettings = .default, bands: [BayesBand] = BayesBand.defaults)
        throws(SpamError)
    {
        self.store = store
        table = NIOLockedValueBox(try store.table())
        classifier = BayesClassifier(settings: settings)
        self.bands = bands
    }

    /// The learner's verdict on a whole message, and the score it adds (nil while it abstains).
    public func score(_ message: Message) -> (verdict: SpamVerdict, hit: ScoreHit?) {
        let tokens = tokenizer.tokens(of: message)
        let snapshot = table.withLockedValue { $0 }
        let verdict = classifier.classify(tokens, table: snapshot)
        guard let probability = verdict.probability, let band = BayesBand.band(for: probability, in: bands) else {
            return (verdict, nil)
        }
        return (verdict, ScoreHit(name: band.name, points: band.score))
    }

    /// Learns one message as `spamClass` (or relearns it), in the store and in the table.
    @discardableResult
    public func learn(_ bytes: [UInt8], as spamClass: SpamClass) throws(SpamError) -> TokenStore.LearnOutcome {
        let tokens = tokenizer.tokens(of: bytes).hashes
        let fingerprint = MessageFingerprint(of: bytes)
        let lesson = TokenStore.Lesson(tokens: tokens, fingerprint: fingerprint, spamClass: spamClass)
        learning.lock()
        defer { learning.unlock() }
        let outcome = try store.learn([lesson])[0]
        table.withLockedValue { table in
            switch outcome {
            case .alreadyLearned: return
            case .relearned: table.add(tokens, as: spamClass.other, removing: true)
            case .learned: break
            }
            table.add(tokens, as: spamClass)
        }
        return outcome
    }

    /// Reads the store again (on SIGHUP): what `mailsift learn` taught it meanwhile from another process joins the
    /// table, and what the store expired or pruned leaves it.
    func reread() throws(SpamError) {
        learning.lock()
        defer { learning.unlock() }
        let fresh = try store.table()
        table.withLockedValue { $0 = fresh }
    }
}
