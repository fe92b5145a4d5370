import Foundation
import Testing

@testable import Daemon

/// Loading `mailsift.toml`: values and defaults, and every kind of error with its exact `file:line: key: message`.
@Suite struct ConfigurationLoadTests {
    /// A folder with the rule folders and alice's password file a valid configuration names.
    static func prepared() throws -> ConfigurationTestFolder {
        let folder = try ConfigurationTestFolder()
        try folder.folder("users")
        try folder.folder("rules")
        try folder.write("secrets/alice", "hunter2\n")
        try folder.write("secrets/bob", "b0b\n")
        return folder
    }

    static let valid = """
        state_dir = "state"
        user_rules = "users"
        admin_rules = "rules"

        [[account]]
        name = "alice"
        host = "imap.example.org"
        username = "alice"
        password_file = "secrets/alice"

        """

    static func load(_ folder: ConfigurationTestFolder, _ text: String, options: ConfigurationLoadOptions = .init())
        throws -> (file: String, report: ConfigurationReport)
    {
        let file = try folder.write("mailsift.toml", text, mode: 0o644)
        return (file, DaemonConfiguration.load(file: file, options: options))
    }

    @Test func aValidFileLoadsWithItsDefaults() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(folder, Self.valid)
        #expect(report.errors.isEmpty)
        #expect(report.warnings.isEmpty)
        let configuration = try report.validConfiguration()
        #expect(configuration.file == file)
        #expect(configuration.stateDirectory == folder.path + "/state")
        #expect(configuration.userRules == folder.path + "/users")
        #expect(configuration.adminRules == folder.path + "/rules")
        #expect(configuration.accountsDirectory == nil)
        #expect(configuration.logDays == 30)
        #expect(configuration.batchSize == 200)
        #expect(configuration.idleRenewal == .seconds(29 * 60))
        #expect(configuration.pollInterval == .seconds(60))
        let alice = try #require(configuration.account(named: "alice"))
        #expect(
            alice
                == AccountConfiguration(
                    name: "alice", host: "imap.example.org", port: 993, security: .tls, username: "alice",
                    authentication: .login, secret: .file(folder.path + "/secrets/alice"), folders: ["INBOX"]))
        #expect(
            configuration.ruleFolders(for: alice)
                == RuleFolders(admin: folder.path + "/rules", user: folder.path + "/users/alice"))
    }

    @Test func everyProblemOfAFileIsReportedAtOnceWithItsLineAndKey() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(
            folder,
            """
            state_dir = 5
            user_rules = "users"
            log_days = 0
            batch_size = "many"
            stat_dir = "x"

            [[account]]
            name = "a/b"
            username = "alice"
            pasword_file = "secrets/alice"
            security = "ssl"
            port = 70000
            folders = []
            enabled = "yes"

            [[account]]
            name = "bob"
            host = "imap.example.org"
            username = "bob"
            password_file = "secrets/bob"
            password_command = ["/bin/true"]
            folders = ["INBOX", "inbox"]

            """)
        #expect(report.configuration == nil)
        #expect(
            report.errors.map(\.description) == [
                "\(file):1: state_dir: expected a string, found an integer",
                "\(file):3: log_days: must be between 1 and 3650 (days), not 0",
                "\(file):4: batch_size: expected an integer (messages), found a string",
                "\(file):5: stat_dir: unknown key; did you mean state_dir?",
                "\(file):7: host: missing: the IMAP server's name or address",
                "\(file):7: password_file: missing: one of password_file, password_credential or password_command "
                    + "gives the password",
                "\(file):8: name: must not contain / (it names the account's folder under user_rules)",
                "\(file):10: pasword_file: unknown key; did you mean password_file?",
                "\(file):11: security: must be one of tls, starttls, plain, not \"ssl\"",
                "\(file):12: port: must be between 1 and 65535 (a TCP port), not 70000",
                "\(file):13: folders: must name at least one folder (INBOX when the key is left out)",
                "\(file):14: enabled: expected true or false, found a string",
                "\(file):21: password_command: only one of password_file, password_credential, password_command may "
                    + "be given; password_file is too",
                "\(file):22: folders: names \"inbox\" twice",
            ])
        #expect(throws: ConfigurationError.self) { try report.validConfiguration() }
    }

    @Test func missingRequiredKeysAreReportedAtTheTopOfTheFile() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(folder, "log_days = 7\n")
        #expect(
            report.errors.map(\.description) == [
                "\(file):1: state_dir: missing: the folder of the state store, e.g. /var/lib/mailsift",
                "\(file):1: user_rules: missing: the folder of the accounts' own scripts, e.g. /var/lib/mailsift/rules",
            ])
    }

    @Test func aFileThatIsNotTOMLGivesTheParserLine() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(folder, "state_dir = \"state\"\nuser_rules = \n")
        #expect(report.errors.count == 1)
        #expect(report.errors.first?.description.hasPrefix("\(file):2: not valid TOML: ") == true)
    }

    @Test func anAccountWrittenWithOneBracketIsExplained() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let text = Self.valid.replacingOccurrences(of: "[[account]]", with: "[account]")
        let (file, report) = try Self.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):5: account: expected [[account]] tables, found a table; write [[account]], with two "
                    + "brackets, above each account's keys"
            ])
    }

    @Test func anInlineAccountsProblemIsReportedAtTheAccountKey() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(
            folder,
            """
            state_dir = "state"
            user_rules = "users"
            account = [
              { name = "alice", host = "imap.example.org", password_file = "secrets/alice" },
            ]
            """)
        #expect(report.errors.map(\.description) == ["\(file):3: username: missing: the user name to log in with"])
    }

    @Test func aKeyInsideAMultiLineStringIsNotTakenForTheKey() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(
            folder,
            #"""
            state_dir = """
            user_rules = "nope"
            """
            user_rules = 5
            """#)
        #expect(
            report.errors.map(\.description) == [
                "\(file):1: state_dir: must not contain control characters (line breaks, tabs…)",
                "\(file):4: user_rules: expected a string, found an integer",
            ])
    }

    @Test func namesThatCannotBeAFolderAreRefused() throws {
        #expect(AccountReader.accountNameProblem("alice") == nil)
        #expect(AccountReader.accountNameProblem("Élodie Martin") == nil)
        #expect(AccountReader.accountNameProblem(".alice")?.hasPrefix("must not start with a dot") == true)
        #expect(AccountReader.accountNameProblem("a/b")?.hasPrefix("must not contain /") == true)
        #expect(
            AccountReader.accountNameProblem(String(repeating: "é", count: 33))?.hasPrefix(
                "is 66 bytes long; at most 64") == true)
        #expect(AccountReader.accountNameProblem("a\u{7}b") == "must be printable text")
        #expect(AccountReader.accountNameProblem(" alice") == "must not start or end with a space")
    }

    @Test func controlCharactersInValuesAreRefused() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let text = Self.valid.replacingOccurrences(
            of: "username = \"alice\"", with: "username = \"alice\\r\\nA1 LOGOUT\"")
        let (file, report) = try Self.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):8: username: must not contain control characters (line breaks, tabs…)"
            ])
    }

    @Test func anEscapedNULIsRefusedWithItsLine() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let text = Self.valid.replacingOccurrences(of: "secrets/alice", with: "secrets/alice\\u0000.old")
        let (file, report) = try Self.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):9: \\u0000 (NUL) cannot be used in a configuration value"
            ])
    }

    @Test func aFileOverTheSizeBoundIsRefusedUnread() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let big = Self.valid + "#" + String(repeating: "x", count: ConfigurationLimits.mainFileBytes) + "\n"
        let (file, report) = try Self.load(folder, big)
        #expect(
            report.errors.map(\.description) == [
                "\(file):1: is \(big.utf8.count) bytes long; a configuration file has at most 1048576"
            ])
    }

    @Test func theAccountsOfOneFileAreBounded() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let account = "[[account]]\nname = \"a\"\n"
        let text =
            "state_dir = \"state\"\nuser_rules = \"users\"\n\n"
            + String(repeating: account, count: ConfigurationLimits.accountsPerFile + 1)
        let (file, report) = try Self.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):4: account: 10001 accounts; at most 10000 in one file (use accounts_dir)"
            ])
    }

    @Test func foldersNamedByTheConfigurationMustExist() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let text = Self.valid.replacingOccurrences(of: "\"rules\"", with: "\"no-such-rules\"")
            .replacingOccurrences(of: "[[account]]", with: "[[account]]\nca_file = \"ca.pem\"")
        let (file, report) = try Self.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):3: admin_rules: \(folder.path)/no-such-rules: No such file or directory",
                "\(file):6: ca_file: \(folder.path)/ca.pem: No such file or directory",
            ])
        // The same file, written for another machine, passes when files are not looked at.
        let unchecked = DaemonConfiguration.load(file: file, options: .init(checkFiles: false))
        #expect(unchecked.errors.isEmpty)
    }

    @Test func plaintextIsRefusedOffLoopback() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let plain = Self.valid.replacingOccurrences(of: "[[account]]", with: "[[account]]\nsecurity = \"plain\"")
        let (file, refused) = try Self.load(folder, plain)
        #expect(
            refused.errors.map(\.description) == [
                "\(file):6: security: \"plain\" would send the password unencrypted to \"imap.example.org\": refused "
                    + "off loopback; use tls or starttls, or set allow_plaintext = true if the network is trusted"
            ])

        for loopback in ["127.0.0.1", "localhost", "::1", "[::1]", "127.3.4.5"] {
            let local = plain.replacingOccurrences(of: "imap.example.org", with: loopback)
            let (_, report) = try Self.load(folder, local)
            #expect(report.errors.isEmpty, "\(loopback)")
            #expect(report.warnings.isEmpty, "\(loopback)")
            #expect(try report.validConfiguration().accounts.first?.port == 143)
        }

        let allowed = plain.replacingOccurrences(of: "[[account]]", with: "[[account]]\nallow_plaintext = true")
        let (_, warned) = try Self.load(folder, allowed)
        #expect(warned.errors.isEmpty)
        #expect(
            warned.warnings.map(\.description) == [
                "\(file):7: warning: security: \"plain\": the password and every message travel unencrypted to "
                    + "\"imap.example.org\" (allowed by allow_plaintext = true)"
            ])
        #expect(try warned.validConfiguration().accounts.first?.allowPlaintext == true)
    }

    @Test func masterUserNeedsAPasswordLogin() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let text = Self.valid + "master_user = \"admin\"\nauth = \"xoauth2\"\n"
        let (file, report) = try Self.load(folder, text)
        #expect(
            report.errors.map(\.description) == [
                "\(file):10: master_user: works with auth = login or plain, not xoauth2"
            ])
    }

    @Test func noAccountIsAWarningOnly() throws {
        let folder = try Self.prepared()
        defer { folder.remove() }
        let (file, report) = try Self.load(folder, "state_dir = \"state\"\nuser_rules = \"users\"\n")
        #expect(report.errors.isEmpty)
        #expect(
            report.warnings.map(\.description) == [
                "\(file):1: warning: no account is configured: the daemon has nothing to watch"
            ])
    }

    @Test func unknownKeysAreSuggestedOnlyWhenClose() {
        let keys = AccountReader.keys
        #expect(KeySuggestion.closest(to: "pasword_file", among: keys) == "password_file")
        #expect(KeySuggestion.closest(to: "passwrod_file", among: keys) == "password_file")
        #expect(KeySuggestion.closest(to: "Password-File", among: keys) == "password_file")
        #expect(KeySuggestion.closest(to: "fodlers", among: keys) == "folders")
        #expect(KeySuggestion.closest(to: "colour", among: keys) == nil)
        #expect(KeySuggestion.closest(to: "", among: keys) == nil)
    }
}
