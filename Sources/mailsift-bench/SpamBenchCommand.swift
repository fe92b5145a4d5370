import ArgumentParser
import Foundation
import MailMessage
import Sieve
import Spam

/// `mailsift-bench spam`: the learner and the rule packs on the labelled SpamAssassin corpus. Trains on the
/// `train` split only (through a real token store), scores `test`, and prints precision, recall, F1 and ham
/// called spam for the rules alone, the learner alone at several cutoffs, and both, with messages/s on one core.
/// `--cross-validate K` measures on the train split alone (K folds), for choosing settings without ever looking
/// at the test split.
struct SpamBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spam",
        abstract: "Measure the spam learner and rule packs on the labelled corpus (train on train, score test)."
    )

    @Option(help: "The labelled corpus folder, with split.tsv (default: the shared SpamAssassin corpus).")
    var corpus: String?

    @Option(name: .customLong("rules"), help: "A folder of administrator rules (repeatable), e.g. rules/spam.")
    var ruleFolders: [String] = []

    @Option(help: "Cutoffs for the learner alone, comma-separated.")
    var cutoffs = "0.5,0.6,0.9,0.99"

    @Option(help: "Score at which rules (and rules with the learner) call a message spam.")
    var requiredScore = 5.0

    @Option(help: "Measure on the train split alone, with this many folds (0: train on train, score test).")
    var crossValidate = 0

    @Option(help: "Write each scored message's path, label, learner probability and rules score here (TSV).")
    var scores: String?

    @Option(help: "Rounds over the test split for the speed figure (the fastest is reported).")
    var rounds = 1

    @Option(help: "Learner: Robinson's s.") var strength = LearnerSettings.default.unknownTokenStrength
    @Option(help: "Learner: Robinson's x.") var unknownProbability = LearnerSettings.default.unknownTokenProbability
    @Option(help: "Learner: minimum deviation from 0.5 to vote.") var minimumDeviation = LearnerSettings.default
        .minimumDeviation
    @Option(help: "Learner: most tokens that vote (0: all).") var maxVoting = LearnerSettings.default.maxVotingTokens
    @Option(help: "Learner: half width of the torn band (0: chi-square alone).") var torn = LearnerSettings.default
        .tornBandHalfWidth

    @Option(help: "Explain the learner's verdict on this train-split message (trained on the rest of the train split).")
    var explain: String?

    func run() throws {
        let folder = corpus ?? ParseBenchCommand.defaultCorpus()
        let corpus = try SpamCorpus.load(folder)
        if let explain {
            let train = corpus.split("train")
            guard let target = train.first(where: { $0.path.hasSuffix(explain) }) else {
                throw SpamBenchError("\(explain) is not in the train split")
            }
            var table = TokenTable()
            let tokenizer = MessageTokenizer()
            for entry in train where entry.path != target.path {
                table.add(tokenizer.tokens(of: entry.bytes).hashes, as: entry.isSpam ? .spam : .ham)
            }
            let classifier = BayesClassifier(settings: learnerSettings)
            let tokens = tokenizer.tokens(of: target.bytes, keepNames: true)
            let verdict = classifier.classify(tokens, table: table, clues: 40)
            print(
                "\(target.path): \(target.isSpam ? "spam" : "ham"), \(tokens.hashes.count) tokens, \(verdict.votingTokens) voted, p = \(verdict.probability ?? -1)"
            )
            for clue in verdict.clues {
                print(
                    String(
                        format: "%.4f  spam %4d ham %4d  %@", clue.probability, clue.counts.spam, clue.counts.ham,
                        (clue.name ?? "?") as NSString))
            }
            return
        }
        let settings = learnerSettings
        let cutoffs = self.cutoffs.split(separator: ",").compactMap { Double($0) }
        let rules = try loadRules()
        var run = SpamBenchRun(settings: settings, rules: rules, requiredScore: requiredScore)
        run.rounds = rounds
        let scored: [SpamBenchRun.Scored]
        if crossValidate > 1 {
            let train = corpus.split("train").sorted { $0.key < $1.key }
            print("\(folder): cross-validation on the train split, \(crossValidate) folds, \(train.count) messages")
            scored = try run.crossValidate(train, folds: crossValidate)
        } else {
            let train = corpus.split("train")
            let test = corpus.split("test")
            print("\(folder): trained on \(train.count) train messages, scoring \(test.count) test messages")
            scored = try run.trainThenScore(train: train, test: test)
        }
        report(scored, cutoffs: cutoffs, hasRules: rules != nil)
        if let scores { try write(scored, to: scores) }
    }

    /// The learner's settings as the options give them.
    private var learnerSettings: LearnerSettings {
        LearnerSettings(
            unknownTokenStrength: strength, unknownTokenProbability: unknownProbability,
            minimumDeviation: minimumDeviation, maxVotingTokens: maxVoting > 0 ? maxVoting : Int.max,
            tornBandHalfWidth: torn)
    }

    private func loadRules() throws -> RuleSet? {
        guard !ruleFolders.isEmpty else { return nil }
        let rules = RuleSet.load(ruleFolders.map { RuleFolder(path: $0) })
        guard rules.isComplete else { throw SpamBenchError(rules.errorLines.joined(separator: "\n")) }
        return rules
    }

    private func report(_ scored: [SpamBenchRun.Scored], cutoffs: [Double], hasRules: Bool) {
        for cutoff in cutoffs {
            var figures = SpamFigures()
            for message in scored {
                figures.count(isSpam: message.isSpam, calledSpam: (message.probability ?? 0) >= cutoff)
            }
            print(figures.line("learner alone, cutoff \(cutoff)"))
        }
        guard hasRules else { return }
        var rulesAlone = SpamFigures()
        var both = SpamFigures()
        for message in scored {
            rulesAlone.count(isSpam: message.isSpam, calledSpam: message.rulesScore >= requiredScore)
            both.count(isSpam: message.isSpam, calledSpam: message.rulesScore + message.bandScore >= requiredScore)
        }
        print(rulesAlone.line("rules alone, score ≥ \(requiredScore)"))
        print(both.line("rules + learner bands, ≥ \(requiredScore)"))
    }

    private func write(_ scored: [SpamBenchRun.Scored], to path: String) throws {
        var text = "path\tlabel\tprobability\trules_score\trules\n"
        for message in scored {
            let probability = message.probability.map { String(format: "%.6f", $0) } ?? "-"
            text += "\(message.path)\t\(message.isSpam ? "spam" : "ham")\t\(probability)\t\(message.rulesScore)\t"
            text += message.rulesFired.joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
