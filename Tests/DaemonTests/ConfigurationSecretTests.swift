import Foundation
import Glibc
import IMAPCore
import Testing

@testable import Daemon

/// Where passwords come from: a private file, a systemd credential, or a command run without a shell; checked at
/// load, read at connection, never printed.
@Suite struct ConfigurationSecretTests {
    typealias Load = ConfigurationLoadTests

    @Test func aPasswordFileIsReadWithoutItsNewline() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let (_, report) = try Load.load(folder, Load.valid)
        let alice = try #require(try report.validConfiguration().accounts.first)
        guard case .login(let user, let password) = try alice.readCredentials() else {
            Issue.record("expected LOGIN")
            return
        }
        #expect(user == "alice")
        #expect(password.exposed == "hunter2")
    }

    @Test func aPasswordFileOthersCanOpenIsRefusedAtLoadAndAtConnection() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let path = try folder.write("secrets/alice", "hunter2\n", mode: 0o644)
        let (file, report) = try Load.load(folder, Load.valid)
        #expect(
            report.errors.map(\.description) == [
                "\(file):9: password_file: \(path) can be opened by its group or others (mode 644); a password file "
                    + "must be private to its owner: chmod 600 \(path)"
            ])
        // Loaded while private, then opened up: the read at connection refuses it too.
        chmod(path, 0o600)
        let alice = try #require(try Load.load(folder, Load.valid).report.validConfiguration().accounts.first)
        chmod(path, 0o640)
        #expect(
            Self.failure(alice)
                == "account alice: password_file: \(path) can be opened by its group or others (mode 640); a "
                + "password file must be private to its owner: chmod 600 \(path)")
    }

    /// What reading an account's secret says when it fails, or nil.
    static func failure(_ account: AccountConfiguration) -> String? {
        do {
            _ = try account.readCredentials()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aMissingPasswordFileOrAFolderIsRefusedAtLoad() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path + "/secrets/alice")
        let (file, missing) = try Load.load(folder, Load.valid)
        #expect(
            missing.errors.map(\.description) == [
                "\(file):9: password_file: \(folder.path)/secrets/alice: No such file or directory"
            ])
        try folder.folder("secrets/alice")
        let (_, notAFile) = try Load.load(folder, Load.valid)
        #expect(
            notAFile.errors.map(\.description) == [
                "\(file):9: password_file: \(folder.path)/secrets/alice is not a regular file"
            ])
    }

    static let withCredential = Load.valid.replacingOccurrences(
        of: "password_file = \"secrets/alice\"", with: "password_credential = \"alice-imap\"")

    @Test func aCredentialIsReadFromTheCredentialsDirectory() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let credentials = try folder.folder("credentials")
        try folder.write("credentials/alice-imap", "s3cret", mode: 0o400)
        let (file, report) = try Load.load(
            folder, Self.withCredential, options: .daemon(environment: ["CREDENTIALS_DIRECTORY": credentials]))
        let alice = try #require(try report.validConfiguration().accounts.first)
        #expect(alice.secret == .credential(name: "alice-imap", directory: credentials))
        guard case .login(_, let password) = try alice.readCredentials() else {
            Issue.record("expected LOGIN")
            return
        }
        #expect(password.exposed == "s3cret")

        let (_, missing) = try Load.load(
            folder, Self.withCredential.replacingOccurrences(of: "alice-imap", with: "bob-imap"),
            options: .daemon(environment: ["CREDENTIALS_DIRECTORY": credentials]))
        #expect(
            missing.errors.map(\.description) == [
                "\(file):9: password_credential: no readable credential bob-imap in $CREDENTIALS_DIRECTORY "
                    + "(\(credentials)); add LoadCredential=bob-imap:PATH to the service"
            ])
    }

    @Test func withoutCredentialsDirectoryTheDaemonRefusesAndCheckWarns() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let message =
            "password_credential: $CREDENTIALS_DIRECTORY is not set: the daemon must run as a systemd service with "
            + "LoadCredential=alice-imap:PATH"
        let (file, daemon) = try Load.load(folder, Self.withCredential, options: .daemon(environment: [:]))
        #expect(daemon.errors.map(\.description) == ["\(file):9: \(message)"])
        let (_, check) = try Load.load(folder, Self.withCredential, options: .check(environment: [:]))
        #expect(check.errors.isEmpty)
        #expect(check.warnings.map(\.description) == ["\(file):9: warning: \(message)"])
        // Read anyway (a configuration loaded for checking): a clear error, not a crash.
        let alice = try #require(check.configuration?.accounts.first)
        #expect(
            Self.failure(alice)
                == "account alice: password_credential alice-imap: $CREDENTIALS_DIRECTORY is not set (run as a "
                + "systemd service with LoadCredential=alice-imap:…)")
    }

    @Test func aCredentialNameIsAFileName() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let text = Self.withCredential.replacingOccurrences(of: "alice-imap", with: "../alice")
        let (file, report) = try Load.load(folder, text, options: .daemon(environment: ["CREDENTIALS_DIRECTORY": "/x"]))
        #expect(
            report.errors.map(\.description) == [
                "\(file):9: password_credential: \"../alice\" is not a credential name (a file name, without /)"
            ])
    }

    // MARK: password_command

    func run(_ script: String, timeout: Duration = .seconds(10)) throws(SecretError) -> Secret {
        try SecretSource.command(["/bin/sh", "-c", script]).read(timeout: timeout)
    }

    @Test func aCommandsOutputIsTheSecretWithoutItsNewline() throws {
        #expect(try run("printf 'tok-123\\n'").exposed == "tok-123")
        #expect(try run("printf 'tok-123\\r\\n'").exposed == "tok-123")
        // Arguments are passed as they are: no shell splits or expands them.
        let echoed = try SecretSource.command(["/usr/bin/printf", "%s", "a b $HOME *"]).read()
        #expect(echoed.exposed == "a b $HOME *")
    }

    /// A token helper gets its standard input, output and error, and nothing else the daemon has open: here a
    /// socket that is not close-on-exec (as SwiftNIO's IMAP connections are not).
    @Test func aCommandInheritsNoOtherDescriptor() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket > 2)
        defer { close(socket) }
        let sockets = try run("ls -l /proc/$$/fd | grep -c 'socket:' || true").exposed
        #expect(sockets == "0", "the helper holds \(sockets) sockets")
    }

    /// What a failed read says, or nil when it did not fail.
    func failure(_ read: () throws(SecretError) -> Secret) -> String? {
        do {
            _ = try read()
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aFailingCommandSaysItsStatusAndNothingItPrinted() {
        let failed = failure { () throws(SecretError) in try run("echo LEAKED-OUT; echo LEAKED-ERR >&2; exit 3") }
        #expect(failed == "password_command /bin/sh failed (exit status 3)")
        #expect(failed?.contains("LEAKED") == false)
        #expect(
            failure { () throws(SecretError) in try run("kill -9 $$") }
                == "password_command /bin/sh was stopped by signal 9")
        #expect(
            failure { () throws(SecretError) in try run("true") }
                == "the output of password_command /bin/sh is empty")
        #expect(
            failure { () throws(SecretError) in try SecretSource.command(["/nonexistent/token-helper"]).read() }
                == "password_command /nonexistent/token-helper: cannot run it: No such file or directory")
    }

    @Test func aCommandThatDoesNotFinishIsStopped() {
        #expect(
            failure { () throws(SecretError) in try run("echo partial; sleep 30", timeout: .milliseconds(300)) }
                == "password_command /bin/sh did not finish within 300 ms; it was stopped")
    }

    @Test func somethingLeftRunningInTheBackgroundDoesNotHoldTheSecretBack() throws {
        // The command exits, a child it started keeps the output pipe open: the secret is what was printed, at
        // once, not a timeout waiting for the end of the output.
        #expect(try run("sleep 30 & echo tok", timeout: .seconds(3)).exposed == "tok")
    }

    @Test func aCommandPrintingWithoutEndIsStoppedAtTheBound() throws {
        #expect(
            failure { () throws(SecretError) in try SecretSource.command(["/usr/bin/yes", "token"]).read() }
                == "password_command /usr/bin/yes printed more than 64 KiB; it was stopped")
        #expect(
            failure { () throws(SecretError) in try run("head -c 65537 /dev/zero | tr '\\0' a") }
                == "password_command /bin/sh printed more than 64 KiB; it was stopped")
        #expect(try run("head -c 65536 /dev/zero | tr '\\0' a").exposed.utf8.count == 65536)
    }

    @Test func aSecretIsNeverPrinted() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let text = Load.valid.replacingOccurrences(
            of: "password_file = \"secrets/alice\"",
            with: "password_command = [\"/bin/sh\", \"-c\", \"echo tok-SECRET\"]\nauth = \"xoauth2\"")
        let (_, report) = try Load.load(folder, text)
        let alice = try #require(try report.validConfiguration().accounts.first)
        let credentials = try alice.readCredentials()
        guard case .xoauth2(let user, let token) = credentials else {
            Issue.record("expected XOAUTH2")
            return
        }
        #expect(user == "alice")
        #expect(token.exposed == "tok-SECRET")
        var dumped = ""
        dump(credentials, to: &dumped)
        for shown in ["\(credentials)", String(reflecting: credentials), dumped, "\(token)"] {
            #expect(!shown.contains("tok-SECRET"), "\(shown)")
        }
    }

    @Test func aCommandIsCheckedAtLoad() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let text = Load.valid.replacingOccurrences(
            of: "password_file = \"secrets/alice\"", with: "password_command = [\"token-helper-not-installed\"]")
        let (file, report) = try Load.load(folder, text, options: .init(searchPath: "/usr/bin:/bin"))
        #expect(
            report.errors.map(\.description) == [
                "\(file):9: password_command: token-helper-not-installed is not found in PATH"
            ])
        let (_, empty) = try Load.load(
            folder, text.replacingOccurrences(of: "[\"token-helper-not-installed\"]", with: "[]"))
        #expect(
            empty.errors.map(\.description) == [
                "\(file):9: password_command: must name a program to run, e.g. [\"/usr/bin/oama\", \"access\", "
                    + "\"alice@example.org\"]"
            ])
    }

    // MARK: logging in

    @Test func aMasterUserLogsInForTheAccount() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        let login = Load.valid + "master_user = \"mailsift\"\n"
        let alice = try #require(try Load.load(folder, login).report.validConfiguration().accounts.first)
        guard case .login(let user, _) = try alice.readCredentials() else {
            Issue.record("expected LOGIN")
            return
        }
        #expect(user == "alice*mailsift")
        let plain = try #require(
            try Load.load(folder, login + "auth = \"plain\"\n").report.validConfiguration().accounts.first)
        guard case .plain(let authorizationID, let master, let password) = try plain.readCredentials() else {
            Issue.record("expected PLAIN")
            return
        }
        #expect(authorizationID == "alice")
        #expect(master == "mailsift")
        #expect(password.exposed == "hunter2")
    }

    @Test func anAccountMapsToTheIMAPClientConfiguration() throws {
        let folder = try Load.prepared()
        defer { folder.remove() }
        try folder.write("ca.pem", "-----BEGIN CERTIFICATE-----\n", mode: 0o644)
        let text = Load.valid + "security = \"starttls\"\nca_file = \"ca.pem\"\n"
        let alice = try #require(try Load.load(folder, text).report.validConfiguration().accounts.first)
        let client = alice.imapClientConfiguration()
        #expect(client.host == "imap.example.org")
        #expect(client.port == 143)
        #expect(client.security == .startTLS)
        #expect(client.trustedCAFile == folder.path + "/ca.pem")
        #expect(client.serverName == nil)
    }
}
