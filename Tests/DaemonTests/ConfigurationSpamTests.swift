import Foundation
import Testing

@testable import Daemon

/// The `[spam]` table: its defaults, its values, and each mistake with its line.
@Suite struct ConfigurationSpamTests {
    @Test func withoutASpamTableTheDefaultsHold() throws {
        let folder = try ConfigurationLoadTests.prepared()
        defer { folder.remove() }
        let configuration = try ConfigurationLoadTests.load(folder, ConfigurationLoadTests.valid).report
            .validConfiguration()
        #expect(configuration.spam == SpamConfiguration())
        #expect(configuration.spam.requiredScore == 5)
        #expect(configuration.spam.learner == .shared)
        #expect(configuration.spam.rulePacks == ["spam", "phishing"])
        #expect(configuration.spam.rulePacksDirectory == "/usr/share/mailsift/rules")
        #expect(
            configuration.spam.tokenStorePath(stateDirectory: "/var/lib/mailsift", account: "alice")
                == "/var/lib/mailsift/spam/shared.sqlite")
    }

    @Test func itsValuesAreRead() throws {
        let folder = try ConfigurationLoadTests.prepared()
        defer { folder.remove() }
        let text =
            ConfigurationLoadTests.valid + """

                [spam]
                required_score = 6.5
                junk_folder = "Indésirables"
                learner = "per-account"
                learn_on_move = false
                local_domains = ["ac-lyon.fr", "College-Exemple.FR"]
                """
        let spam = try ConfigurationLoadTests.load(folder, text).report.validConfiguration().spam
        #expect(
            spam
                == SpamConfiguration(
                    requiredScore: 6.5, junkFolder: "Indésirables", learner: .perAccount, learnOnMove: false,
                    localDomains: ["ac-lyon.fr", "college-exemple.fr"]))
        #expect(
            spam.tokenStorePath(stateDirectory: "/s", account: "alice") == "/s/spam/accounts/alice.sqlite")
    }

    @Test func eachMistakeIsNamedWithItsLine() throws {
        let folder = try ConfigurationLoadTests.prepared()
        defer { folder.remove() }
        let text = """
            state_dir = "state"
            user_rules = "users"

            [spam]
            required_score = "five"
            learner = "everyone"
            local_domains = ["ac-lyon.fr", "not a domain"]
            requried_score = 4
            rule_packs = ["spam", "../etc"]
            """
        let (file, report) = try ConfigurationLoadTests.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):5: required_score: expected a number (points), found a string",
                "\(file):6: learner: must be one of shared, per-account, off, not \"everyone\"",
                "\(file):7: local_domains: entry 2: \"not a domain\" is not a domain name (e.g. ac-lyon.fr)",
                "\(file):8: requried_score: unknown key; did you mean required_score?",
                "\(file):9: rule_packs: entry 2: \"../etc\" is not a pack name (e.g. spam)",
            ])
    }

    @Test func aScoreOutOfRangeIsRefused() throws {
        let folder = try ConfigurationLoadTests.prepared()
        defer { folder.remove() }
        let (file, report) = try ConfigurationLoadTests.load(
            folder, ConfigurationLoadTests.valid + "\n[spam]\nrequired_score = 0\n")
        #expect(
            report.errors.map(\.description) == [
                "\(file):12: required_score: must be between 0.1 and 1000.0 (points), not 0.0"
            ])
    }
}
