import Foundation
import GRDB
import IMAPClient
import IMAPCore
import Logging
import MailMessage
import Sieve
import Spam
import TestSupport
import Testing

@testable import Daemon

/// The scoring phase: the learner's band and the administrator's scores make the total, spam that no script placed
/// goes to Junk with $Junk, and a user's script that reads spamtest decides for itself.
@Suite struct SpamPhaseTests {
    static let phase = SpamPhase(settings: SpamSettings(), junkFolder: "Indésirables", learner: nil)

    /// The outcome of a script that adds these scores, then does `then` (Sieve commands).
    static func outcome(_ hits: [(String, Double)], then: String = "") throws -> SieveOutcome {
        var script = "require [\"vnd.mailsift.score\", \"fileinto\"];\n"
        for (name, points) in hits { script += "addscore \"\(points)\" \"\(name)\";\n" }
        let compiled = try #require(SieveCompiler.compile(script + then).script)
        return SieveSequence.run([compiled], input: SieveInput(message: Message(Array("Subject: x\n\nx\n".utf8))))
            .outcome
    }

    @Test func spamThatNoScriptPlacedGoesToJunk() throws {
        let (junked, note) = Self.phase.apply(
            to: try Self.outcome([("BAYES_90", 5), ("PHISH_PASSWORD", 2.5)]), junk: "Junk")
        #expect(junked.actions == [.fileinto(mailbox: "Junk", flags: ["$Junk"], copy: false, create: true)])
        #expect(junked.implicitKeep == nil)
        #expect(note == "spam score 7.50 (BAYES_90 5, PHISH_PASSWORD 2.50), required 5: to Junk")
    }

    @Test func withoutAJunkFolderOnTheServerTheConfiguredOneIsUsed() throws {
        let (junked, _) = Self.phase.apply(to: try Self.outcome([("GTUBE", 100)]), junk: nil)
        #expect(junked.actions == [.fileinto(mailbox: "Indésirables", flags: ["$Junk"], copy: false, create: true)])
    }

    @Test func aScriptThatPlacedTheMessageDecides() throws {
        let filed = try Self.outcome([("BAYES_90", 5)], then: "fileinto \"Listes\";")
        let (kept, note) = Self.phase.apply(to: filed, junk: "Junk")
        #expect(kept == filed)
        #expect(note?.hasSuffix(": placed by the rules") == true)
    }

    /// The configuration's local_domains reach the rules (`vnd.mailsift.site`) through the account's phase.
    @Test func theSitesDomainsReachTheRules() throws {
        let script = try #require(
            SieveCompiler.compile(
                """
                require ["vnd.mailsift.site", "vnd.mailsift.score"];
                if localdomain "ent.ac-exemple.fr" { addscore "1" "LOCAL"; }
                """
            ).script)
        var rules = FilingRules(scripts: [.init(path: "admin/site.sieve", compiled: script)])
        let input = SieveInput(message: Message(Array("Subject: x\n\nx\n".utf8)))
        rules.spam = Self.phase
        #expect(rules.evaluate(input).outcome.score == nil)
        rules.spam?.site = SiteSettings(localDomains: ["ac-exemple.fr"])
        #expect(rules.evaluate(input).outcome.score == 1)
    }

    @Test func underTheRequiredScoreNothingChanges() throws {
        let low = try Self.outcome([("BAYES_60", 3.5)])
        let (same, note) = Self.phase.apply(to: low, junk: "Junk")
        #expect(same == low)
        #expect(note == "spam score 3.50 (BAYES_60 3.50), required 5")
        #expect(Self.phase.apply(to: try Self.outcome([]), junk: "Junk").note == nil)
    }
}

/// The phase in the pipeline, against the test Dovecot (whose Junk is marked \Junk).
@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct SpamPhaseFilingTests {
    static let admin = """
        require ["body", "vnd.mailsift.score"];
        if body :contains "mot de passe" { addscore "2.5" "PHISH_PASSWORD"; }
        """
    static let user = """
        require ["fileinto", "spamtest", "relational", "comparator-i;ascii-numeric"];
        if allof (header :contains "subject" "quarantaine",
                  spamtest :value "ge" :comparator "i;ascii-numeric" "5") {
            fileinto "Quarantaine";
        }
        """

    static func message(_ subject: String, _ body: String, from: String) -> [UInt8] {
        Array(
            ("From: \(from)\r\nTo: prof@ecoles.example.fr\r\nSubject: \(subject)\r\n"
                + "Message-ID: <\(UUID().uuidString)@example.fr>\r\nDate: Tue, 01 Dec 2026 10:00:00 +0100\r\n\r\n"
                + body + "\r\n").utf8)
    }

    static func phish(_ number: Int, subject: String = "Votre boîte mail est saturée") -> [UInt8] {
        message(
            subject,
            "Cher utilisateur, votre quota est dépassé. Confirmez votre identifiant et votre mot de passe "
                + "sous 24 heures sur http://webmail-verification.example/login sinon votre compte sera fermé. \(number)",
            from: "Support Webmail <support\(number)@webmail-verification.example>")
    }

    static func ham(_ number: Int) -> [UInt8] {
        message(
            "Conseil de classe \(number)",
            "Bonjour, le conseil de classe de 3e B aura lieu jeudi en salle 12. Merci d'apporter les bulletins "
                + "et les appréciations. Bonne journée. \(number)",
            from: "Principal adjoint <principal@ecoles.example.fr>")
    }

    /// A learner taught 60 phishing and 60 colleagues' messages of this shape.
    static func learner(in folder: TemporaryFolder) throws -> SharedLearner {
        let learner = try SharedLearner(store: TokenStore(path: folder.path + "/spam/shared.sqlite"))
        for number in 0..<60 {
            try learner.learn(phish(1000 + number), as: .spam)
            try learner.learn(ham(1000 + number), as: .ham)
        }
        return learner
    }

    @Test func spamGoesToJunkHamStaysAndTheUsersRuleDecides() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let connection = try await DaemonTestAccounts.connect(user)
        try await connection.execute(.create(MailboxName("Quarantaine")))
        var rules = FilingRules(scripts: [
            .init(path: "admin/10-phishing.sieve", compiled: try #require(SieveCompiler.compile(Self.admin).script)),
            .init(path: "jeanne/10-tri.sieve", compiled: try #require(SieveCompiler.compile(Self.user).script)),
        ])
        rules.spam = SpamPhase(settings: SpamSettings(), junkFolder: "Junk", learner: try Self.learner(in: directory))
        let filer = FolderFiler(
            account: user, folder: "INBOX", connection: connection, store: store, rules: rules,
            work: FolderFilerTests.work, logger: Logger(label: "test"))
        _ = try await filer.open()
        let messages = [Self.phish(1), Self.ham(2), Self.phish(3, subject: "quarantaine : boîte saturée")]
        _ = try await connection.append(messages.map { AppendMessage(bytes: $0) }, to: MailboxName("INBOX"))
        #expect(try await filer.fileNew() == 3)

        let look = try await DaemonTestAccounts.connect(user)
        let junk = try await DaemonTestAccounts.flags(look, "Junk")
        let inbox = try await DaemonTestAccounts.census(look, "INBOX")
        let quarantine = try await DaemonTestAccounts.census(look, "Quarantaine")
        await look.logout()
        func id(_ bytes: [UInt8]) -> String {
            let text = String(decoding: bytes, as: UTF8.self)
            return String(text.split(separator: "\r\n").first { $0.hasPrefix("Message-ID:") }!.dropFirst(12))
        }
        #expect(junk[id(messages[0])]?.contains("$Junk") == true)
        #expect(inbox == [id(messages[1]): 1])
        #expect(quarantine == [id(messages[2]): 1])
        #expect(junk[id(messages[2])] == nil)

        // The processing log says why: the score, its parts, and where it sent the message.
        let rulesColumn = try await store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT rules FROM processing_log WHERE account = ? ORDER BY uid", arguments: [user])
        }
        #expect(rulesColumn.count == 3)
        #expect(rulesColumn[0].contains("spam score 7.50 (BAYES_90 5, PHISH_PASSWORD 2.50), required 5: to Junk"))
        #expect(rulesColumn[1].contains("BAYES_00 -2"))
        #expect(rulesColumn[2].contains("placed by the rules"))
        await connection.logout()
    }
}
