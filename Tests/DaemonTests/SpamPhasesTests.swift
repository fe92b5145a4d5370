import MailMessage
import Spam
import TestSupport
import Testing

@testable import Daemon

/// The scoring phases the daemon builds from its configuration, at start and on SIGHUP.
@Suite struct SpamPhasesTests {
    static func configuration(_ directory: TemporaryFolder) -> DaemonConfiguration {
        DaemonConfiguration(
            file: directory.path + "/mailsift.toml", stateDirectory: directory.path,
            userRules: directory.path + "/users",
            accounts: [
                AccountConfiguration(
                    name: "jeanne", host: "imap.example.org", username: "jeanne",
                    secret: .file(directory.path + "/secret"))
            ])
    }

    /// `mailsift learn --config` teaches the daemon's store from another process while the daemon runs: the
    /// administrator's reload (SIGHUP) must make it count, as a restart would.
    @Test func aReloadCountsWhatMailsiftLearnTaughtMeanwhile() throws {
        let directory = TemporaryFolder("spam-phases")
        defer { directory.remove() }
        let configuration = Self.configuration(directory)
        let learner = try #require(try DaemonSetup.spamPhases(configuration)["jeanne"]?.learner)
        let phish = Message(SpamPhaseFilingTests.phish(99))
        #expect(learner.score(phish).hit == nil)  // an empty store abstains

        // mailsift learn: its own connection to the same file.
        let path = try #require(configuration.spam.tokenStorePath(stateDirectory: directory.path, account: "jeanne"))
        let tokenizer = MessageTokenizer()
        var lessons: [TokenStore.Lesson] = []
        for number in 0..<60 {
            for (bytes, spamClass) in [
                (SpamPhaseFilingTests.phish(number), SpamClass.spam), (SpamPhaseFilingTests.ham(number), .ham),
            ] {
                lessons.append(
                    TokenStore.Lesson(
                        tokens: tokenizer.tokens(of: bytes).hashes, fingerprint: MessageFingerprint(of: bytes),
                        spamClass: spamClass))
            }
        }
        try TokenStore(path: path).learn(lessons)

        let reloaded = try #require(try DaemonSetup.spamPhases(configuration)["jeanne"]?.learner)
        #expect(reloaded === learner)  // the store stays open across the reload
        #expect(learner.score(phish).hit?.name == "BAYES_90")
    }
}
