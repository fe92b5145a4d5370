import Foundation
import IMAPClient
import IMAPCore
import Synchronization
import TestSupport
import Testing

/// The accounts d001…d150 of the test Dovecot (scripts/test-imap-server.sh), one per test so tests running side
/// by side never meet. scripts/test.sh runs the heavy suites in a second process after the others, against the
/// same server: those take accounts from the top (d149 down; d150 is the private Dovecot's), the others from
/// d001 up, so the two processes never share one.
enum DaemonTestAccounts {
    private static let handedOut = Mutex(0)
    private static let handedOutFromTop = Mutex(150)

    static var available: Bool { TestServer.dovecotAvailable }

    static var host: String { TestServer.dovecot.host }
    static var plainPort: Int { TestServer.dovecot.plainPort }

    /// A user no other test of this run has.
    static func newUser() -> String {
        let number = handedOut.withLock { count in
            count += 1
            return count
        }
        precondition(number <= 150, "more daemon tests than test accounts: add users in the server's script")
        return String(format: "d%03d", number)
    }

    /// A user for the heavy suites (ManyAccountsTests, KillNineTests, DaemonResilienceTests).
    static func newHeavyUser() -> String {
        let number = handedOutFromTop.withLock { next in
            next -= 1
            return next
        }
        precondition(number >= 20, "more heavy daemon tests than test accounts: add users in the server's script")
        return String(format: "d%03d", number)
    }

    static func password(_ user: String) -> String { "\(user)-pass" }

    /// The same Dovecot on ::1, announcing an older server's capabilities (no MOVE, no IDLE), when the machine
    /// has ::1.
    static var basicHost: String? { TestServer.dovecot.basicHost }

    /// Plaintext on loopback: the daemon's tests are about filing, not TLS (the client's tests cover that).
    static func configuration(basic: Bool = false) -> IMAPClientConfiguration {
        var configuration = IMAPClientConfiguration(
            host: basic ? basicHost ?? host : host, port: plainPort, security: .plaintext)
        configuration.timeouts.command = .seconds(30)
        return configuration
    }

    static func connect(_ user: String, basic: Bool = false) async throws -> IMAPConnection {
        let connection = try await IMAPConnection.connect(configuration(basic: basic))
        try await connection.login(user: user, password: password(user))
        return connection
    }

    /// A test message with a Message-ID of its own, from the IT service.
    static func message(_ number: Int, subject: String, from: String = "informatique@ecoles.example.fr") -> [UInt8] {
        Array(
            ("From: \(from)\r\nTo: prof@ecoles.example.fr\r\nSubject: \(subject)\r\n"
                + "Message-ID: <m\(number).\(UUID().uuidString)@example.fr>\r\n"
                + "Date: Tue, 01 Dec 2026 10:00:00 +0100\r\n\r\nBonjour \(number)\r\n").utf8)
    }

    /// Message-IDs of every message in `mailbox`, with how many times each is there.
    static func census(_ connection: IMAPConnection, _ mailbox: String) async throws -> [String: Int] {
        try await connection.execute(.examine(MailboxName(mailbox), condStore: false))
        let completion = try await connection.execute(
            .uidFetch(UIDSet([1...UInt32.max]), items: [.uid, .headerFields(["Message-ID"])], changedSince: nil))
        var counts: [String: Int] = [:]
        for case .fetch(_, let attributes) in completion.untagged {
            for case .body(_, _, let data?) in attributes {
                let text = String(decoding: data, as: UTF8.self)
                let id =
                    text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
                    .map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) } ?? "-"
                counts[id, default: 0] += 1
            }
        }
        return counts
    }

    /// Flags of every message in `mailbox`, by Message-ID.
    static func flags(_ connection: IMAPConnection, _ mailbox: String) async throws -> [String: [String]] {
        try await connection.execute(.examine(MailboxName(mailbox), condStore: false))
        let completion = try await connection.execute(
            .uidFetch(
                UIDSet([1...UInt32.max]), items: [.uid, .flags, .headerFields(["Message-ID"])], changedSince: nil))
        var result: [String: [String]] = [:]
        for case .fetch(_, let attributes) in completion.untagged {
            var flags: [String] = []
            var id = "-"
            for attribute in attributes {
                if case .flags(let value) = attribute { flags = value }
                if case .body(_, _, let data?) = attribute {
                    let text = String(decoding: data, as: UTF8.self)
                    id =
                        text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
                        .map { String($0.dropFirst("message-id:".count)).trimmingCharacters(in: .whitespaces) } ?? "-"
                }
            }
            result[id] = flags
        }
        return result
    }
}
