import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// The MOVE fallback against servers that lack MOVE, or MOVE and UIDPLUS (ScriptedServer plays them: the
/// commands the client sends are checked line by line).
@Suite struct MoveFallbackTests {
    @Test func withMoveItIsOneCommand() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 MOVE UIDPLUS] ready\r\n"),
            .expectLine(prefix: "M1 UID MOVE 3:5,9 Archives"),
            .send("* OK [COPYUID 7 3:5,9 1:4] moved\r\nM1 OK done\r\n"),
        ])
        let connection = try await server.connect()
        #expect(try await connection.moveMessages(UIDSet([3...5, 9...9]), to: MailboxName("Archives")) == .moved)
        await connection.close()
        await server.finished()
    }

    @Test func withoutMoveItCopiesFlagsAndExpungesOnlyThoseUIDs() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n"),
            .expectLine(prefix: "M1 UID COPY 3:5 Archives"), .send("M1 OK [COPYUID 7 3:5 1:3] copied\r\n"),
            .expectLine(prefix: "M2 UID STORE 3:5 +FLAGS.SILENT (\\Deleted)"), .send("M2 OK stored\r\n"),
            .expectLine(prefix: "M3 UID EXPUNGE 3:5"),
            .send("* 3 EXPUNGE\r\n* 3 EXPUNGE\r\n* 3 EXPUNGE\r\nM3 OK expunged\r\n"),
        ])
        let connection = try await server.connect()
        #expect(try await connection.moveMessages(UIDSet([3...5]), to: MailboxName("Archives")) == .copiedAndExpunged)
        await connection.close()
        await server.finished()
    }

    @Test func withoutUIDPlusItNeverSendsAPlainExpunge() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1] ready\r\n"),
            .expectLine(prefix: "M1 UID COPY 8 Archives"), .send("M1 OK copied\r\n"),
            .expectLine(prefix: "M2 UID STORE 8 +FLAGS.SILENT (\\Deleted)"), .send("M2 OK stored\r\n"),
            .expectLine(prefix: "M3 "), .send("M3 OK noop\r\n"),
        ])
        let connection = try await server.connect()
        #expect(
            try await connection.moveMessages(UIDSet([8...8]), to: MailboxName("Archives")) == .copiedAndMarkedDeleted)
        try await connection.execute(.noop)
        await connection.close()
        await server.finished()
        #expect(!server.received.contains { $0.contains("EXPUNGE") })
        #expect(server.received.last?.hasPrefix("M3 NOOP") == true)
    }

    @Test func aRefusedCopyStopsBeforeAnythingIsDeleted() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n"),
            .expectLine(prefix: "M1 UID COPY"), .send("M1 NO [OVERQUOTA] Quota exceeded\r\n"),
        ])
        let connection = try await server.connect()
        do {
            try await connection.moveMessages(UIDSet([1...2]), to: MailboxName("Archives"))
            Issue.record("a refused copy was reported as a move")
        } catch let error as IMAPClientError {
            #expect(error.isRefused && error.response?.code == .overQuota)
        }
        await connection.close()
        await server.finished()
        #expect(!server.received.contains { $0.contains("STORE") || $0.contains("EXPUNGE") })
    }
}
