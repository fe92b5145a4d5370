import Archive
import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// An account of the test Dovecot for one archiver test: its configuration (plaintext on loopback, a password
/// file of its own, `state_dir` in a temporary folder), a logged-in connection to set its mail up and look at
/// it, and a folder prefix of its own (`t-XXXXXXXX`) so that runs of the suite never meet each other's mail.
struct ArchiverTestAccount {
    let user: String
    let directory: TemporaryFolder
    let connection: IMAPConnection
    let prefix: String
    var configuration: DaemonConfiguration

    static func make(user: String? = nil, port: Int? = nil, archive: ArchiveSettings) async throws
        -> ArchiverTestAccount
    {
        let user = user ?? TestServer.dovecot.newUser()
        // carol (the one account with a quota) is shared by several suites that run at the same time: one test
        // at a time has her, until its `finish()`.
        if user == "carol" { await CarolLock.shared.acquire() }
        let directory = TemporaryFolder("archiver")
        let passwordFile = directory.write("password", "\(user)-pass\n")
        chmod(passwordFile, 0o600)
        var account = AccountConfiguration(
            name: user, host: TestServer.dovecot.host, port: port ?? TestServer.dovecot.plainPort, security: .plain,
            username: user, secret: .file(passwordFile))
        account.archive = archive
        var configuration = DaemonConfiguration(
            file: directory.path + "/mailsift.toml", stateDirectory: directory.path + "/state",
            userRules: directory.path + "/rules", accounts: [account])
        configuration.archive = ArchiveSettings()
        var client = IMAPClientConfiguration(
            host: TestServer.dovecot.host, port: TestServer.dovecot.plainPort, security: .plaintext)
        client.timeouts.command = .seconds(30)
        let connection = try await IMAPConnection.connect(client)
        try await connection.login(user: user, password: "\(user)-pass")
        return ArchiverTestAccount(
            user: user, directory: directory, connection: connection, prefix: "t-\(UUID().uuidString.prefix(8))",
            configuration: configuration)
    }

    /// Writes `mailsift.toml` for the command line: this account (through `port`, default the test Dovecot's),
    /// with `archiveTable` as the `[archive]` table's keys and `accountKeys` added to the account's; creates the
    /// empty rules folder the configuration names. Returns the file's path.
    func writeConfiguration(port: Int? = nil, archiveTable: String? = nil, accountKeys: String = "") throws -> String {
        try FileManager.default.createDirectory(atPath: directory.path + "/rules", withIntermediateDirectories: true)
        var text = "state_dir = \"state\"\nuser_rules = \"rules\"\n"
        if let archiveTable { text += "\n[archive]\n\(archiveTable)\n" }
        text += """

            [[account]]
            name = "\(user)"
            host = "\(TestServer.dovecot.host)"
            port = \(port ?? TestServer.dovecot.plainPort)
            security = "plain"
            username = "\(user)"
            password_file = "password"
            \(accountKeys)
            """
        return directory.write("mailsift.toml", text)
    }

    var archiver: AccountArchiver {
        var archiver = AccountArchiver(configuration, account: configuration.accounts[0])
        archiver.options.storeOptions.compressionLevel = 3
        return archiver
    }

    var storeDirectory: String { archiver.storeDirectory }

    func finish() async {
        await connection.logout()
        directory.remove()
        if user == "carol" { await CarolLock.shared.release() }
    }

    /// Appends `bytes` to `folder` (created if needed) with these flags and internal date.
    func append(_ bytes: [UInt8], to folder: String, flags: [String] = ["\\Seen"], daysAgo: Int) async throws {
        _ = try await connection.createMailbox(MailboxName(folder))
        let date = Date().addingTimeInterval(-Double(daysAgo) * 86_400)
        _ = try await connection.append(
            [AppendMessage(flags: flags, internalDate: Self.imapDateTime(date), bytes: bytes)], to: MailboxName(folder))
    }

    /// Every message's bytes in `folder`, by UID.
    func messages(in folder: String) async throws -> [[UInt8]] {
        _ = try await connection.examine(MailboxName(folder))
        var found: [[UInt8]] = []
        try await connection.fetchMessages(UIDSet([1...UInt32.max])) { _, bytes in found.append(bytes) }
        return found
    }

    /// Every message of the account's archive, with its folder, flags and internal date.
    func archived() throws -> [(bytes: [UInt8], folder: String, flags: [String], internalDate: Int64?)] {
        guard FileManager.default.fileExists(atPath: storeDirectory + "/catalogue.sqlite") else { return [] }
        let store = try ArchiveStore(directory: storeDirectory, mode: .readOnly)
        return try store.messageIDsInStorageOrder().map { id in
            let (hit, flags, internalDate) = try store.hit(id)
            return (try store.message(id), hit.folder, flags, internalDate)
        }
    }

    /// `01-Jan-2020 10:00:00 +0000`.
    static func imapDateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd-MMM-yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// A message of its own (a unique Message-ID), `padding` bytes of body text added.
    static func message(_ label: String, padding: Int = 0) -> [UInt8] {
        var text =
            "From: Service informatique <informatique@ecoles.example.fr>\r\nTo: prof@ecoles.example.fr\r\n"
            + "Subject: \(label)\r\nMessage-ID: <\(label).\(UUID().uuidString)@example.fr>\r\n"
            + "Date: Thu, 26 Nov 2026 18:15:28 +0100\r\n\r\nBonjour \(label)\r\n"
        var line = 0
        while text.utf8.count < padding {
            line += 1
            text += "Ligne \(line) du message \(label) : \(UUID().uuidString)\r\n"
        }
        return Array(text.utf8)
    }

    /// Runs the built `mailsift` with `arguments` (in this account's folder) and returns its exit status and
    /// what it printed.
    func mailsift(_ arguments: [String]) async throws -> (Int32, String) {
        let log = directory.path + "/out-\(UUID().uuidString.prefix(4)).log"
        let status = try await ArchiverProcess.run(arguments, environment: [:], log: log)
        return (status, String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self))
    }
}

/// Who has carol now: the tests that fill her quota wait for each other. A test that fails before its
/// `finish()` never gives her back: the next one goes on after two minutes rather than hang the run.
actor CarolLock {
    static let shared = CarolLock()
    private var held = false
    private var waiting: [(id: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var nextID = 0

    func acquire() async {
        guard held else {
            held = true
            return
        }
        nextID += 1
        let id = nextID
        await withCheckedContinuation { continuation in
            waiting.append((id, continuation))
            Task {
                try? await Task.sleep(for: .seconds(120))
                await self.giveUp(id)
            }
        }
    }

    func release() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().continuation.resume() }
    }

    private func giveUp(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume()
    }
}
