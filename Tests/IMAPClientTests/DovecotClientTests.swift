import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@Suite(.enabled(if: TestServer.dovecotAvailable, "needs the test Dovecot: run scripts/test.sh"))
struct DovecotClientTests {
    @Test(arguments: [IMAPClientConfiguration.Security.plaintext, .tls, .startTLS])
    func logsInOverEachKindOfConnection(security: IMAPClientConfiguration.Security) async throws {
        let connection = try await IMAPConnection.connect(TestServer.dovecot.configuration(security))
        if security == .startTLS { #expect(!connection.hasCapability("STARTTLS")) }
        try await connection.login(user: "alice", password: "alice-pass")
        #expect(connection.hasCapability("IDLE") && connection.hasCapability("UIDPLUS"))
        let selected = try await connection.execute(.select(.inbox, condStore: false))
        #expect(selected.untagged.contains { if case .exists = $0 { true } else { false } })
        await connection.logout()
    }

    @Test func anUntrustedCertificateIsRejected() async throws {
        do {
            let connection = try await IMAPConnection.connect(TestServer.dovecot.configuration(.tls, trustCA: false))
            await connection.close()
            Issue.record("connected to a server whose certificate nobody vouches for")
        } catch let error as IMAPClientError {
            #expect(error.isTLSFailure, "\(error)")
        }
    }

    @Test func aWrongPasswordIsAnAuthenticationFailureThatDoesNotShowIt() async throws {
        let connection = try await IMAPConnection.connect(TestServer.dovecot.configuration(.tls))
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
        let connection = try await IMAPConnection.connect(TestServer.dovecot.configuration(.tls))
        try await connection.authenticatePlain(authorizationID: "bob", user: "admin", password: "admin-pass")
        let namespace = try await connection.execute(.namespace)
        #expect(namespace.untagged.contains { if case .namespace = $0 { true } else { false } })
        try await connection.execute(.select(.inbox, condStore: false))
        await connection.logout()
    }

    @Test func quotaOfTheQuotaPlugin() async throws {
        let connection = try await IMAPConnection.connect(TestServer.dovecot.configuration(.tls))
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
        let watcher = try await IMAPConnection.connect(TestServer.dovecot.configuration(.tls))
        try await watcher.login(user: "bob", password: "bob-pass")
        try await watcher.execute(.create(folder))
        try await watcher.execute(.select(folder, condStore: false))
        try await watcher.startIdle()

        let writer = try await IMAPConnection.connect(TestServer.dovecot.configuration(.tls))
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
