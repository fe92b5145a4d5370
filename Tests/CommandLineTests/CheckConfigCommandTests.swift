import Foundation
import Testing

/// `mailsift check --config FILE`: every problem of a daemon configuration as `file:line: key: message`, exit 1;
/// a summary and exit 0 when there is none.
@Suite struct CheckConfigCommandTests {
    private func prepared() throws -> String {
        let folder = NSTemporaryDirectory() + "mailsift-check-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/users", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/secret", contents: Data("hunter2\n".utf8))
        chmod(folder + "/secret", 0o600)
        return folder
    }

    @Test func everyProblemIsPrintedAndTheExitStatusIsOne() throws {
        let folder = try prepared()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/mailsift.toml"
        try """
        state_dir = "state"
        user_rules = "users"
        log_days = "x"

        [[account]]
        name = "alice"
        host = "imap.example.org"
        username = "alice"
        pasword_file = "secret"
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try MailsiftProcess.run(["check", "--config", file], timeout: 60)
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                \(file):3: log_days: expected an integer (days), found a string
                \(file):5: password_file: missing: one of password_file, password_credential or password_command \
                gives the password
                \(file):9: pasword_file: unknown key; did you mean password_file?
                \(file): 3 errors

                """)
    }

    @Test func aGoodConfigurationIsSummarized() throws {
        let folder = try prepared()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/mailsift.toml"
        try """
        state_dir = "state"
        user_rules = "users"

        [[account]]
        name = "alice"
        host = "imap.example.org"
        username = "alice"
        password_file = "secret"
        folders = ["INBOX", "Lists"]
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try MailsiftProcess.run(["check", "--config", file], timeout: 60)
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                \(file): ok: 1 account, 2 watched folders
                  alice: alice@imap.example.org:993 tls, password_file, folders INBOX, Lists
                \(file): warning: rule pack spam is not installed in /usr/share/mailsift/rules: spam is scored without it (set [spam] rule_packs_dir, or leave it out of rule_packs)
                \(file): warning: rule pack phishing is not installed in /usr/share/mailsift/rules: spam is scored without it (set [spam] rule_packs_dir, or leave it out of rule_packs)
                rules: 0 scripts in 1 folder, all compile

                """)
    }

    @Test func checkWithNothingToCheckSaysWhatToGive() throws {
        let result = try MailsiftProcess.run(["check"], timeout: 60)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Give Sieve scripts or folders to check, or --config FILE."))
    }
}
