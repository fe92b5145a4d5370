import Foundation
import IMAPClient
import IMAPCore
import Synchronization
import Testing

/// A real IMAP server the tests run against, as its environment describes it: the private Dovecot of
/// scripts/test.sh (always), and Cyrus IMAP when scripts/interop-cyrus.sh started one. Tests that hold for any
/// server take a `TestServer` argument and run once per server.
public struct TestServer: Sendable, CustomTestStringConvertible {
    public let name: String
    public let host: String
    public let plainPort: Int
    public let tlsPort: Int
    public let caFile: String?
    /// Dovecot only: the same server on ::1, announcing an older server's capabilities.
    public let basicHost: String?

    public var testDescription: String { name }

    private static let environment = ProcessInfo.processInfo.environment

    /// Under scripts/test.sh the Dovecot is always there; without its environment the connections fail (port 0),
    /// so a missing server is a failure, not a skip.
    public static let dovecot = TestServer(
        name: "Dovecot", host: environment["MAILSIFT_TEST_IMAP_HOST"] ?? "127.0.0.1",
        plainPort: Int(environment["MAILSIFT_TEST_IMAP_PORT"] ?? "") ?? 0,
        tlsPort: Int(environment["MAILSIFT_TEST_IMAPS_PORT"] ?? "") ?? 0,
        caFile: environment["MAILSIFT_TEST_IMAP_CA"], basicHost: environment["MAILSIFT_TEST_IMAP_BASIC_HOST"])

    public static let cyrus: TestServer? = environment["MAILSIFT_TEST_CYRUS_HOST"].map { host in
        TestServer(
            name: "Cyrus", host: host, plainPort: Int(environment["MAILSIFT_TEST_CYRUS_PORT"] ?? "") ?? 0,
            tlsPort: Int(environment["MAILSIFT_TEST_CYRUS_IMAPS_PORT"] ?? "") ?? 0,
            caFile: environment["MAILSIFT_TEST_CYRUS_CA"], basicHost: nil)
    }

    public static let all: [TestServer] = [dovecot] + (cyrus.map { [$0] } ?? [])

    /// Set by scripts/test.sh: the tests that need a server (or root) fail without it instead of skipping.
    public static let required = environment["MAILSIFT_REQUIRE_TEST_SERVER"] == "1"

    /// Whether the environment describes the test Dovecot (its host and both ports).
    public static var dovecotDescribed: Bool {
        environment["MAILSIFT_TEST_IMAP_HOST"] != nil && environment["MAILSIFT_TEST_IMAP_PORT"] != nil
            && environment["MAILSIFT_TEST_IMAPS_PORT"] != nil
    }

    /// Whether the Dovecot tests run: always under scripts/test.sh, skipped (visibly) under a bare `swift test`.
    public static var dovecotAvailable: Bool {
        environment["MAILSIFT_TEST_IMAP_HOST"] != nil || required
    }

    public func configuration(_ security: IMAPClientConfiguration.Security, trustCA: Bool = true)
        -> IMAPClientConfiguration
    {
        var configuration = IMAPClientConfiguration(
            host: host, port: security == .tls ? tlsPort : plainPort, security: security,
            trustedCAFile: trustCA ? caFile : nil)
        configuration.timeouts.command = .seconds(20)
        return configuration
    }

    /// The basic Dovecot on ::1 (plaintext), nil elsewhere.
    public var basicConfiguration: IMAPClientConfiguration? {
        guard let basicHost else { return nil }
        var configuration = IMAPClientConfiguration(host: basicHost, port: plainPort, security: .plaintext)
        configuration.timeouts.command = .seconds(20)
        return configuration
    }

    private static let usersHandedOut = Mutex([String: Int]())

    /// An account of this server (user01…user80) no other test of this run uses: Dovecot's maildir may answer
    /// a CREATE with ALREADYEXISTS while another session of the same user lists and opens its folders.
    public func newUser() -> String {
        let number = Self.usersHandedOut.withLock { counts in
            counts[name, default: 0] += 1
            return counts[name]!
        }
        precondition(number <= 80, "more tests than test accounts: add users in the server's script")
        return String(format: "user%02d", number)
    }

    /// A logged-in connection and a new folder of its own, so tests running side by side do not meet.
    public func session(
        _ user: String? = nil, security: IMAPClientConfiguration.Security = .tls, basic: Bool = false
    ) async throws -> (IMAPConnection, MailboxName) {
        let user = user ?? newUser()
        let configuration = basic ? try #require(basicConfiguration) : self.configuration(security)
        let connection = try await IMAPConnection.connect(configuration)
        try await connection.login(user: user, password: "\(user)-pass")
        let folder = MailboxName("t-\(UUID().uuidString.prefix(8))")
        try await connection.execute(.create(folder))
        return (connection, folder)
    }

    /// A short message with a subject and a body the tests can recognise.
    public static func message(_ number: Int, subject: String = "Note", body: String = "Bonjour") -> [UInt8] {
        Array(
            ("From: Service informatique <informatique@ecoles.example.fr>\r\nTo: prof\(number)@ecoles.example.fr\r\n"
                + "Subject: \(subject) \(number)\r\nMessage-ID: <m\(number).\(UUID().uuidString)@example.fr>\r\n"
                + "Date: Thu, 26 Nov 2026 18:15:28 +0100\r\n\r\n\(body) \(number)\r\n").utf8)
    }
}
