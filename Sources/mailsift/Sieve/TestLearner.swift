import ArgumentParser
import Foundation
import MailMessage
import Sieve
import Spam

/// `mailsift test --learner STORE`: the learner's verdict on a message, as the daemon's scoring phase makes it —
/// its band is the first score the rules see — and, with `--explain`, the tokens that weighed most.
struct TestLearner {
    let table: TokenTable
    let classifier = BayesClassifier()
    let tokenizer = MessageTokenizer()

    /// Opens an existing store (a test never creates one).
    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("--learner \(path): no token store there (mailsift learn makes one)")
        }
        table = try TokenStore(path: path).table()
    }

    /// The score to start from, and the lines that explain it.
    func score(_ message: Message, clues: Int) -> (hits: [ScoreHit], lines: [String]) {
        let tokens = tokenizer.tokens(of: message, keepNames: clues > 0)
        let verdict = classifier.classify(tokens, table: table, clues: clues)
        guard let probability = verdict.probability, let band = BayesBand.band(for: probability) else {
            return (
                [],
                [
                    "Learner: abstains (it has learned \(table.spamMessages) spam and \(table.hamMessages) ham; it votes "
                        + "from \(LearnerSettings.default.minimumTrainedPerClass) of each)"
                ]
            )
        }
        var lines = [
            "Learner: spam probability \(String(format: "%.4f", probability)) from \(verdict.votingTokens) tokens: "
                + "\(band.name) \(band.score >= 0 ? "+" : "")\(band.score.formatted())"
        ]
        for clue in verdict.clues {
            lines.append(
                "  \(String(format: "%.3f", clue.probability))  \(clue.name ?? "?")  (in \(clue.counts.spam) spam, "
                    + "\(clue.counts.ham) ham)")
        }
        return ([ScoreHit(name: band.name, points: band.score)], lines)
    }
}
