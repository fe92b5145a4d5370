import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// ENABLE UTF8=ACCEPT (RFC 6855). The test Dovecot (2.3) does not offer it, so a scripted server plays one.
@Suite struct UTF8AcceptTests {
    @Test func mailboxNamesGoAsUTF8OnlyOnceTheServerEnabledIt() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT] ready\r\n"),
            .expectLine(prefix: "M1 SELECT R&AOk-unions"), .send("M1 OK selected\r\n"),
            .expectLine(prefix: "M2 ENABLE UTF8=ACCEPT"), .send("* ENABLED UTF8=ACCEPT\r\nM2 OK enabled\r\n"),
            .expectLine(prefix: "M3 SELECT \"Réunions\""), .send("M3 OK selected\r\n"),
        ])
        let connection = try await server.connect()
        try await connection.execute(.select(MailboxName("Réunions"), condStore: false))
        #expect(try await connection.enable(["UTF8=ACCEPT"]) == ["UTF8=ACCEPT"])
        try await connection.execute(.select(MailboxName("Réunions"), condStore: false))
        await connection.close()
        await server.finished()
    }
}
