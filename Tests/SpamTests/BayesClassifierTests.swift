import Spam
import Testing

/// The learner on a small corpus of our own: it learns what it is shown, abstains while young, and explains.
@Suite struct BayesClassifierTests {
    static let tokenizer = MessageTokenizer()

    static func message(_ subject: String, _ body: String) -> [UInt8] {
        Array("From: someone@example.org\nSubject: \(subject)\n\n\(body)\n".utf8)
    }

    static let spamTexts = [
        ("Votre boîte mail est saturée", "Confirmez votre identifiant et mot de passe sous 24 heures"),
        ("URGENT quota dépassé", "Cliquez ici pour augmenter votre quota, votre compte sera fermé"),
        ("Account suspended", "Verify your password now or your mailbox will be closed"),
        ("Gagnez un iPhone", "Offre exclusive, cliquez vite, gratuit"),
    ]
    static let hamTexts = [
        ("Conseil de classe", "Le conseil de classe de 3e B aura lieu jeudi en salle 12"),
        ("Sortie au musée", "Les autorisations parentales sont à rendre avant vendredi"),
        ("Réunion pédagogique", "Ordre du jour : emplois du temps, projet d'établissement"),
        ("Menu de la cantine", "Lundi : lasagnes, mardi : poisson, mercredi : pas de cantine"),
    ]

    /// A table trained on `rounds` variants of each text (a number makes each message distinct).
    static func trainedTable(rounds: Int) -> TokenTable {
        var table = TokenTable()
        for round in 0..<rounds {
            for (subject, body) in spamTexts {
                table.add(tokenizer.tokens(of: message(subject, body + " ref\(round)")).hashes, as: .spam)
            }
            for (subject, body) in hamTexts {
                table.add(tokenizer.tokens(of: message(subject, body + " ref\(round)")).hashes, as: .ham)
            }
        }
        return table
    }

    @Test func itAbstainsUntilEnoughOfEachClassIsTrained() {
        let young = Self.trainedTable(rounds: 5)  // 20 of each, under the default 50
        let verdict = BayesClassifier().classify(
            Self.tokenizer.tokens(of: Self.message("quota", "mot de passe")), table: young)
        #expect(verdict.probability == nil)
    }

    @Test func itSeparatesWhatItWasTaught() throws {
        let table = Self.trainedTable(rounds: 15)
        let classifier = BayesClassifier()
        let phish = Self.message("Votre boîte est pleine", "Confirmez votre mot de passe, votre compte sera fermé")
        // Few tokens vote on a message this short, so one contrary word weighs much (Fisher's method): the ham
        // here shares most of its words with the trained ham, as a colleague's next mail would.
        let ham = Self.message(
            "Conseil de classe", "Les autorisations parentales : le conseil de classe aura lieu jeudi")
        let spamProbability = try #require(
            classifier.classify(Self.tokenizer.tokens(of: phish), table: table).probability)
        let hamProbability = try #require(classifier.classify(Self.tokenizer.tokens(of: ham), table: table).probability)
        #expect(spamProbability > 0.9)
        #expect(hamProbability < 0.1)
    }

    @Test func unknownWordsLeaveItUndecided() throws {
        let table = Self.trainedTable(rounds: 15)
        let verdict = BayesClassifier().classify(
            Self.tokenizer.tokens(of: Array("Subject: zyxw\n\nqwertyuiop asdfghjkl\n".utf8)), table: table)
        #expect(try #require(verdict.probability) == 0.5)
        #expect(verdict.votingTokens == 0)
    }

    @Test func cluesNameTheStrongestTokens() throws {
        let table = Self.trainedTable(rounds: 15)
        let tokens = Self.tokenizer.tokens(of: Self.message("URGENT quota", "mot de passe"), keepNames: true)
        let verdict = BayesClassifier().classify(tokens, table: table, clues: 3)
        #expect(verdict.votingTokens >= 3)
        #expect(verdict.clues.count == 3)
        #expect(verdict.clues.allSatisfy { $0.name != nil && $0.probability > 0.5 })
    }

    @Test func bandsCoverEveryProbability() {
        #expect(BayesBand.band(for: 0)?.name == "BAYES_00")
        #expect(BayesBand.band(for: 0.3)?.name == "BAYES_40")
        #expect(BayesBand.band(for: 0.5)?.name == "BAYES_50")
        #expect(BayesBand.band(for: 0.995)?.name == "BAYES_90")
        #expect(BayesBand.band(for: 1)?.name == "BAYES_90")
    }
}
