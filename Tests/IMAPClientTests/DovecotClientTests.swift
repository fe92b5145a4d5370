import Foundation
import Synchronization
import IMAPClient
import IMAPCore
import Testing

/// The private Dovecot of scripts/test.sh, as its environment describes it.
enum TestDovecot {
    static let environment = ProcessInfo.processInfo.environment
    static var host: String? { environment["MAILSIFT_TEST_IMAP_HOST"] }
    static var available: Bool { host != nil || environment["MAILSIFT_REQUIRE_TEST_SERVER"] == "1" }

    static func configuration(_ security: IMAPClientConfiguration.Security, trustCA: Bool = true) -> IMAPClientConfiguration {
        let port = Int(environment[security == .tls ? "MAILSIFT_TEST_IMAPS_PORT" : "MAILSIFT_TEST_IMAP_PORT"] ?? "") ?? 0
        var configuration = IMAPClientConfiguration(
            host: host ?? "127.0.0.1", port: port, security: security,
            trustedCAFile: trustCA ? environment["MAILSIFT_TEST_IMAP_CA"] : nil)
        configuration.timeouts.command = .seconds(20)
        return configuration
    }

    /// The same Dovecot on [::1], announcing only an older server's capabilities (no IDLE, MOVE, NOTIFY,
    /// LITERAL+, ESEARCH): scripts/test-imap-server.sh. Nil where the machine has no ::1.
    static var basicConfiguration: IMAPClientConfiguration? {
        guard let host = environment["MAILSIFT_TEST_IMAP_BASIC_HOST"] else { return nil }
        var configuration = IMAPClientConfiguration(
            host: host, port: Int(environment["MAILSIFT_TEST_IMAP_PORT"] ?? "") ?? 0, security: .plaintext)
        configuration.timeouts.command = .seconds(20)
        return configuration
    }

    private static let usersHandedOut = Mutex(0)

    /// An account of the test server (user01…user40) no other test of this run uses: Dovecot's maildir may
    /// answer a CREATE with ALREADYEXISTS while another session of the same user lists and opens its folders.
    static func newUser() -> String {
        let number = usersHandedOut.withLock { count in
            count += 1
            return count
        }
        precondition(number <= 40, "more tests than test accounts: add users in scripts/test-imap-server.sh")
        return String(format: "user%02d", number)
    }

    /// A logged-in connection and a new folder of its own, so tests running side by side do not meet.
    static func session(
        _ user: String = newUser(), security: IMAPClientConfiguration.Security = .tls, basic: Bool = false
    ) async throws -> (IMAPConnection, MailboxName) {
        let configuration = basic ? try #require(basicConfiguration) : TestDovecot.configuration(security)
        let connection = try await IMAPConnection.connect(configuration)
        try await connection.login(user: user, password: "\(user)-pass")
        let folder = MailboxName("t-\(UUID().uuidString.prefix(8))")
        try await connection.execute(.create(folder))
        return (connection, folder)
    }

    /// A short message with a subject and a body the tests can recognise.
    static func message(_ number: Int, subject: String = "Note", body: String = "Bonjour") -> [UInt8] {
        Array(
            ("From: Service informatique <informatique@ecoles.example.fr>\r\nTo: prof\(number)@ecoles.example.fr\r\n"
                + "Subject: \(subject) \(number)\r\nMessage-ID: <m\(number).\(UUID().uuidString)@example.fr>\r\n"
                + "Date: Thu, 26 Nov 2026 18:15:28 +0100\r\n\r\n\(body) \(number)\r\n").utf8)
    }
}

@Suite(.enabled(if: TestDovecot.available, "needs the test Dovecot: run scripts/test.sh"))
struct DovecotClientTests {
    @Test(arguments: [IMAPClientConfiguration.Security.plaintext, .tls, .startTLS])
    func logsInOverEachKindOfConnection(security: IMAPClientConfiguration.Security) async throws {
        let connection = try await IMAPConnection.connect(TestDovecot.configuration(security))
        if security == .startTLS { #expect(!connection.hasCapability("STARTTLS")) }
        try await connection.login(user: "alice", password: "alice-pass")
        #expect(connection.hasCapability("IDLE") && connection.hasCapability("UIDPLUS"))
        let selected = try await connection.execute(.select(.inbox, condStore: false))
        #expect(selected.untagged.contains { if case .exists = $0 { true } else { false } })
        await connection.logout()
    }

    @Test func anUntrustedCertificateIsRejected() async throws {
        do {
            let connection = try await IMAPConnection.connect(TestDovecot.configuration(.tls, trustCA: false))
            await connection.close()
            Issue.record("connected to a server whose certificate nobody vouches for")
        } catch let error as IMAPClientError {
            #expect(error.isTLSFailure, "\(error)")
        }
    }

    @Test func aWrongPasswordIsAnAuthenticationFailureThatDoesNotShowIt() async throws {
        let connection = try await IMAPConnection.connect(TestDovecot.configuration(.tls))
        do {
            try await connection.login(user: "alice", password: "not-the-password-42")
            Issue.record("logged in with a wrong password")
        } catch let error as IMAPClientError {
            #expect(error.isAuthenticationFailure)
            #expect(!error.description.contains("not-the-password-42"))
        }
        await connection.close()
    }

    @Test func aMasterUserActsForAnotherAccount() async throws {
        let connection = try await IMAPConnection.connect(TestDovecot.configuration(.tls))
        try await connection.authenticatePlain(authorizationID: "bob", user: "admin", password: "admin-pass")
        let namespace = try await connection.execute(.namespace)
        #expect(namespace.untagged.contains { if case .namespace = $0 { true } else { false } })
        try await connection.execute(.select(.inbox, condStore: false))
        await connection.logout()
    }

    @Test func quotaOfTheQuotaPlugin() async throws {
        let connection = try await IMAPConnection.connect(TestDovecot.configuration(.tls))
        try await connection.login(user: "carol", password: "carol-pass")
        let quota = try await connection.execute(.getQuotaRoot(.inbox))
        let resources = quota.untagged.flatMap { data -> [QuotaResource] in
            if case .quota(_, let resources) = data { return resources } else { return [] }
        }
        #expect(resources.first { $0.name == "STORAGE" }?.limit == 1024)
        await connection.logout()
    }

    @Test func idleWakesOnAnAppendFromAnotherConnection() async throws {
        let folder = MailboxName("idle-\(UUID().uuidString.prefix(8))")
        let watcher = try await IMAPConnection.connect(TestDovecot.configuration(.tls))
        try await watcher.login(user: "bob", password: "bob-pass")
        try await watcher.execute(.create(folder))
        try await watcher.execute(.select(folder, condStore: false))
        try await watcher.startIdle()

        let writer = try await IMAPConnection.connect(TestDovecot.configuration(.tls))
        try await writer.login(user: "bob", password: "bob-pass")
        let message = Array("From: a@example.org\r\nSubject: Réveil\r\n\r\nBonjour\r\n".utf8)
        let appended = try await writer.execute(.append(folder, flags: ["\\Seen"], internalDate: nil, message: message))
        guard case .appendUID(_, let uids) = appended.state.code else {
            Issue.record("no APPENDUID")
            return
        }
        #expect(uids.count == 1)

        // Bounded: if no EXISTS comes, the connection is closed after 20 s, the stream ends, and the test fails.
        let deadline = Task {
            try await Task.sleep(for: .seconds(20))
            await watcher.close()
        }
        defer { deadline.cancel() }
        var woke = false
        for await event in watcher.events {
            if case .exists(let count) = event, count == 1 {
                woke = true
                break
            }
        }
        #expect(woke)
        try await watcher.endIdle()
        try await watcher.execute(.select(.inbox, condStore: false))
        try await watcher.execute(.delete(folder))
        await watcher.logout()
        await writer.logout()
    }
}
