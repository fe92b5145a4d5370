import Foundation
import Testing

@testable import Daemon

/// `mailsift.example.toml`, at the repository's root, is what administrators copy: it must load without a
/// problem. Its paths are under /etc and /var, which this machine does not have, so files are not looked at
/// (`checkFiles: false`); everything written in it is checked.
@Suite struct ConfigurationExampleTests {
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mailsift.example.toml").path

    @Test func theExampleLoadsWithoutAProblem() throws {
        let report = DaemonConfiguration.load(file: Self.example, options: .init(checkFiles: false))
        #expect(report.errors.map(\.description) == [])
        #expect(report.warnings.map(\.description) == [])
        let configuration = try report.validConfiguration()
        #expect(configuration.stateDirectory == "/var/lib/mailsift")
        #expect(configuration.adminRules == "/etc/mailsift/rules")
        #expect(configuration.userRules == "/var/lib/mailsift/rules")
        #expect(configuration.accounts.map(\.name) == ["alice", "bob"])
        let bob = try #require(configuration.account(named: "bob"))
        #expect(bob.secret == .command(["/usr/local/bin/oauth2-token", "bob@example.org"]))
        #expect(bob.authentication == .xoauth2)
        #expect(bob.port == 993)
        #expect(configuration.spam.localDomains == ["ac-exemple.fr", "college-exemple.fr"])
    }

    /// Every key the loader knows is explained in the example (written, or commented out).
    @Test func theExampleExplainsEveryKey() throws {
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        for key in DaemonConfiguration.keys + AccountReader.keys + SpamConfiguration.keys {
            #expect(
                text.contains("\(key) = ") || text.contains("[[\(key)]]") || text.contains("\n[\(key)]\n"), "\(key)")
        }
    }
}
