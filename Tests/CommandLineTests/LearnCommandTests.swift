import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// `mailsift learn`: what a user who trains the learner from a Maildir and an mbox sees.
@Suite struct LearnCommandTests {
    /// A Maildir of three messages and an mbox of two, written for the test.
    private func mail(in folder: TemporaryFolder) -> (maildir: String, mbox: String) {
        for number in 1...3 {
            _ = folder.write("Maildir/cur/\(number).host:2,S", SampleMail.message(number))
        }
        _ = folder.write("Maildir/new/.keep-dir", "")
        try? FileManager.default.removeItem(atPath: folder.path + "/Maildir/new/.keep-dir")
        var mbox: [UInt8] = []
        for number in 10...11 {
            mbox +=
                Array("From sender@example.org Mon Sep  1 08:00:00 2025\n".utf8) + SampleMail.message(number) + [0x0A]
        }
        return (folder.path + "/Maildir", folder.write("archive.mbox", mbox))
    }

    @Test func learningTwiceChangesNothingAndAChangedMindIsTakenBack() throws {
        let folder = TemporaryFolder("learn")
        defer { folder.remove() }
        let (maildir, mbox) = mail(in: folder)
        let store = folder.path + "/state/tokens.sqlite"

        let first = try MailsiftProcess.run(["learn", "--ham", "--store", store, maildir, mbox], timeout: 60)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("learned 5 messages as ham\n"))
        #expect(first.stdout.contains("from 0 spam and 5 ham"))

        let again = try MailsiftProcess.run(["learn", "--ham", "--store", store, maildir], timeout: 60)
        #expect(again.stdout.hasPrefix("learned 0 messages as ham (3 already learned as ham, left as they were)\n"))
        #expect(again.stdout.contains("from 0 spam and 5 ham"))

        let flipped = try MailsiftProcess.run(["learn", "--spam", "--store", store, mbox], timeout: 60)
        #expect(
            flipped.stdout.hasPrefix(
                "learned 2 messages as spam (2 of them had been learned as the other class: that was taken back first)\n"
            ))
        #expect(flipped.stdout.contains("from 2 spam and 3 ham"))
    }

    @Test func theStoreIsTheDaemonsWhenAConfigurationIsGiven() throws {
        let folder = TemporaryFolder("learn")
        defer { folder.remove() }
        let (maildir, _) = mail(in: folder)
        _ = folder.write("secret", "x\n")
        chmod(folder.path + "/secret", 0o600)
        let configuration = folder.write(
            "mailsift.toml",
            """
            state_dir = "state"
            user_rules = "users"

            [spam]
            learner = "per-account"

            [[account]]
            name = "jeanne"
            host = "127.0.0.1"
            security = "plain"
            username = "jeanne"
            password_file = "secret"
            """)
        let missing = try MailsiftProcess.run(["learn", "--spam", "--config", configuration, maildir], timeout: 60)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("the learner is per account: say whose with --account"))

        let result = try MailsiftProcess.run(
            ["learn", "--spam", "--config", configuration, "--account", "jeanne", maildir], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/state/spam/accounts/jeanne.sqlite"))
    }

    @Test func missingOrContradictoryArgumentsSayWhatIsWanted() throws {
        let both = try MailsiftProcess.run(["learn", "--spam", "--ham", "--store", "/tmp/x.sqlite", "a"], timeout: 60)
        #expect(both.status == 64)
        #expect(both.stderr.contains("say what the messages are: --spam or --ham"))
        let nowhere = try MailsiftProcess.run(["learn", "--spam", "a"], timeout: 60)
        #expect(nowhere.stderr.contains("name the token store"))
        let absent = try MailsiftProcess.run(
            ["learn", "--spam", "--store", "/tmp/x-\(getpid()).sqlite", "/nonexistent/mail"], timeout: 60)
        #expect(absent.status != 0)
        #expect(absent.stderr.contains("/nonexistent/mail"))
    }
}

/// `mailsift learn --folder`: a folder of the account's server, read-only.
@Suite(.enabled(if: TestServer.dovecotAvailable, "needs the test Dovecot: run scripts/test.sh"))
struct LearnFromFolderTests {
    @Test func everyMessageOfTheFolderIsLearnedAndTheFolderIsLeftAsItWas() async throws {
        let server = TestServer.dovecot
        let user = server.newUser()
        let (connection, folder) = try await server.session(user, security: .plaintext)
        _ = try await connection.append(
            (1...4).map { AppendMessage(bytes: TestServer.message($0, subject: "Offre exclusive")) }, to: folder)
        let local = TemporaryFolder("learn")
        defer { local.remove() }
        _ = local.write("secret", "\(user)-pass\n")
        chmod(local.path + "/secret", 0o600)
        let configuration = local.write(
            "mailsift.toml",
            """
            state_dir = "state"
            user_rules = "users"

            [[account]]
            name = "jeanne"
            host = "\(server.host)"
            port = \(server.plainPort)
            security = "plain"
            username = "\(user)"
            password_file = "secret"
            """)
        let result = try MailsiftProcess.run(
            ["learn", "--spam", "--config", configuration, "--account", "jeanne", "--folder", folder.description],
            timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("learned 4 messages as spam\n"))
        #expect(result.stdout.contains("state/spam/shared.sqlite: "))
        #expect(result.stdout.contains("from 4 spam and 0 ham"))
        // EXAMINE: nothing was marked \Seen.
        _ = try await connection.select(folder)
        #expect(try await connection.searchUIDs(.seen).isEmpty)
        await connection.logout()
    }
}

/// `mailsift test --learner STORE`: the learner's band as the first score, explained.
@Suite struct TestWithLearnerTests {
    @Test func theLearnersBandIsTheFirstScoreAndItsTokensAreShown() throws {
        let folder = TemporaryFolder("test-learner")
        defer { folder.remove() }
        let store = folder.path + "/tokens.sqlite"
        func message(_ subject: String, _ body: String, _ number: Int) -> String {
            "From: x\(number)@example.org\nSubject: \(subject)\nMessage-ID: <\(number)@example.org>\n\n\(body) \(number)\n"
        }
        for number in 0..<60 {
            _ = folder.write(
                "spam/\(number).eml",
                message("Votre boîte est saturée", "Confirmez votre mot de passe sous 24 heures", number))
            _ = folder.write(
                "ham/\(number).eml",
                message("Conseil de classe", "Le conseil de classe aura lieu jeudi en salle 12", number))
        }
        _ = folder.write("rules/10-keep.sieve", "keep;\n")
        let missing = try MailsiftProcess.run(
            ["test", "--learner", store, "--explain", folder.path + "/rules", folder.path + "/spam/1.eml"], timeout: 60)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no token store there"))

        for (kind, path) in [("--spam", "spam"), ("--ham", "ham")] {
            let learned = try MailsiftProcess.run(
                ["learn", kind, "--store", store, folder.path + "/" + path], timeout: 60)
            #expect(learned.status == 0, "\(learned.stderr)")
        }
        let phish = folder.write("phish.eml", message("Boîte saturée", "Confirmez votre mot de passe", 999))
        let result = try MailsiftProcess.run(
            ["test", "--learner", store, "--explain", folder.path + "/rules", phish], timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Learner: spam probability 1.0000 from"))
        #expect(result.stdout.contains(": BAYES_90 +5"))
        #expect(result.stdout.contains("  BAYES_90 +5\n"))
        #expect(result.stdout.contains("spam score 5 (BAYES_90 5)"))
    }
}
