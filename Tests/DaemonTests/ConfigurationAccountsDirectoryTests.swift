import Foundation
import Testing

@testable import Daemon

/// `accounts_dir`: one account per file, its keys at the top level, read in name order with the main file's.
@Suite struct ConfigurationAccountsDirectoryTests {
    typealias Load = ConfigurationLoadTests

    static let main = Load.valid.replacingOccurrences(
        of: "admin_rules = \"rules\"", with: "accounts_dir = \"accounts.d\"")

    static func account(_ name: String, extra: String = "") -> String {
        """
        name = "\(name)"
        host = "imap.example.org"
        username = "\(name)"
        password_file = "../secrets/bob"
        \(extra)
        """
    }

    @Test func accountFilesAreReadInNameOrderAfterTheMainFile() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        try folder.write("accounts.d/dave.toml", Self.account("dave"))
        try folder.write("accounts.d/bob.toml", Self.account("bob", extra: "folders = [\"INBOX\", \"Lists\"]"))
        // Not account files: hidden (an editor's temporary file), or not .toml.
        try folder.write("accounts.d/.bob.toml.swp", "garbage [[[")
        try folder.write("accounts.d/README", "garbage [[[")
        let (_, report) = try Load.load(folder, Self.main)
        let configuration = try report.validConfiguration()
        #expect(configuration.accounts.map(\.name) == ["alice", "bob", "dave"])
        #expect(configuration.accountsDirectory == folder.path + "/accounts.d")
        // A relative path in an account file is taken from that file's folder.
        #expect(configuration.account(named: "bob")?.secret == .file(folder.path + "/accounts.d/../secrets/bob"))
        #expect(configuration.account(named: "bob")?.folders == ["INBOX", "Lists"])
    }

    @Test func problemsInAccountFilesNameTheirFileAndLine() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let carol = try folder.write(
            "accounts.d/carol.toml",
            """
            name = "carol"
            hots = "imap.example.org"
            username = "carol"
            password_file = "../secrets/bob"
            """)
        let erin = try folder.write(
            "accounts.d/erin.toml",
            """
            [[account]]
            name = "erin"
            """)
        let (file, report) = try Load.load(
            folder, Self.main.replacingOccurrences(of: "secrets/alice", with: "secrets/nobody"))
        #expect(
            report.errors.map(\.description) == [
                "\(file):9: password_file: \(folder.path)/secrets/nobody: No such file or directory",
                "\(carol):1: host: missing: the IMAP server's name or address",
                "\(carol):2: hots: unknown key; did you mean host?",
                "\(erin):1: name: missing: the account's name (also the folder of its scripts under user_rules)",
                "\(erin):1: host: missing: the IMAP server's name or address",
                "\(erin):1: username: missing: the user name to log in with",
                "\(erin):1: password_file: missing: one of password_file, password_credential or password_command "
                    + "gives the password",
                "\(erin):1: account: unknown key; a file of accounts_dir holds one account, its keys at the top "
                    + "level, without [[account]]",
            ])
    }

    @Test func aNameUsedTwiceAcrossFilesIsRefusedWithBothPlaces() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let second = try folder.write("accounts.d/alice.toml", "# alice moved here\n" + Self.account("alice"))
        let (file, report) = try Load.load(folder, Self.main)
        #expect(
            report.errors.map(\.description) == [
                "\(second):2: name: \"alice\" is already the name of the account at \(file):6; names must be unique "
                    + "(each is a folder under user_rules)"
            ])
    }

    @Test func aMissingAccountsFolderIsAnError() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let (file, report) = try Load.load(folder, Self.main)
        #expect(
            report.errors.map(\.description) == [
                "\(file):3: accounts_dir: \(folder.path)/accounts.d: No such file or directory"
            ])
    }
}
