import Foundation
import MailMessage
import Sieve
import Spam

/// The work of `mailsift-bench spam`: training, scoring, timing.
struct SpamBenchRun {
    let settings: LearnerSettings
    let rules: RuleSet?
    let requiredScore: Double
    /// Rounds over the test split; the fastest is reported (the machine is shared, the best round is the code's).
    var rounds = 1
    let tokenizer = MessageTokenizer()

    struct Scored {
        let path: String
        let isSpam: Bool
        let probability: Double?
        let bandScore: Double
        let rulesScore: Double
        let rulesFired: [String]
    }

    /// Trains a fresh token store (SQLite, in a temporary folder) on `train`, then scores `test` on this thread,
    /// timing parse + tokenize + classify (+ rules) per message on its CPU clock.
    func trainThenScore(train: [SpamCorpus.Entry], test: [SpamCorpus.Entry]) throws -> [Scored] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-spam-bench-\(getpid())")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try TokenStore(path: folder + "/tokens.sqlite")
        var clock = CPUTime.thread()
        let lessons = train.map { entry in
            TokenStore.Lesson(
                tokens: tokenizer.tokens(of: entry.bytes).hashes, fingerprint: MessageFingerprint(of: entry.bytes),
                spamClass: entry.isSpam ? .spam : .ham)
        }
        let tokenizeSeconds = CPUTime.thread() - clock
        let wall = ContinuousClock.now
        try store.learn(lessons)
        let table = try store.table()
        let learnSeconds = (ContinuousClock.now - wall).seconds
        let summary = try store.summary()
        print(
            String(
                format:
                    "training: %d messages tokenized in %.2f s CPU, learned into SQLite and read back in %.2f s; %d tokens",
                train.count, tokenizeSeconds, learnSeconds, summary.tokens))
        let classifier = BayesClassifier(settings: settings)
        var scored: [Scored] = []
        scored.reserveCapacity(test.count)
        var learnerSeconds = Double.infinity
        var rulesSeconds = Double.infinity
        for round in 0..<max(rounds, 1) {
            var learnerRound = 0.0
            var rulesRound = 0.0
            for entry in test {
                clock = CPUTime.thread()
                let message = Message(entry.bytes)
                let verdict = classifier.classify(tokenizer.tokens(of: message), table: table)
                let afterLearner = CPUTime.thread()
                let (rulesScore, fired) = runRules(message)
                rulesRound += CPUTime.thread() - afterLearner
                learnerRound += afterLearner - clock
                if round == 0 { scored.append(score(entry, verdict: verdict, rulesScore: rulesScore, fired: fired)) }
            }
            learnerSeconds = min(learnerSeconds, learnerRound)
            rulesSeconds = min(rulesSeconds, rulesRound)
        }
        let count = Double(test.count)
        print(
            String(
                format:
                    "speed, one core (CPU time): parse + learner %.0f messages/s; rules %@; together %.0f messages/s",
                count / learnerSeconds,
                rules == nil ? "not run" : String(format: "%.0f messages/s", count / rulesSeconds),
                count / (learnerSeconds + rulesSeconds)))
        return scored
    }

    /// K-fold cross-validation within `train`: each fold scored by a table trained on the others.
    func crossValidate(_ train: [SpamCorpus.Entry], folds: Int) throws -> [Scored] {
        let tokens = train.map { tokenizer.tokens(of: $0.bytes).hashes }
        let classifier = BayesClassifier(settings: settings)
        var scored: [Scored] = []
        for fold in 0..<folds {
            var table = TokenTable()
            for (index, entry) in train.enumerated() where index % folds != fold {
                table.add(tokens[index], as: entry.isSpam ? .spam : .ham)
            }
            for (index, entry) in train.enumerated() where index % folds == fold {
                let message = Message(entry.bytes)
                let verdict = classifier.classify(
                    MessageTokens(hashes: tokens[index], names: nil, isTruncated: false), table: table)
                let (rulesScore, fired) = runRules(message)
                scored.append(score(entry, verdict: verdict, rulesScore: rulesScore, fired: fired))
            }
        }
        return scored
    }

    private func runRules(_ message: Message) -> (Double, [String]) {
        guard let rules else { return (0, []) }
        let outcome = rules.run(SieveInput(message: message)).outcome
        return (outcome.score ?? 0, outcome.scoreHits.map(\.name))
    }

    private func score(_ entry: SpamCorpus.Entry, verdict: SpamVerdict, rulesScore: Double, fired: [String]) -> Scored {
        let band = verdict.probability.flatMap { BayesBand.band(for: $0) }
        return Scored(
            path: entry.path, isSpam: entry.isSpam, probability: verdict.probability, bandScore: band?.score ?? 0,
            rulesScore: rulesScore, rulesFired: fired)
    }
}
