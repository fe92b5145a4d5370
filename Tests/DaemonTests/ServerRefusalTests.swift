import IMAPClient
import IMAPCore
import Logging
import TestSupport
import Testing

@testable import Daemon

/// What the filing does when the server says NO (ScriptedServer): a message it cannot send does not hold up
/// the folder, and "busy for now" is not taken for "never".
@Suite struct ServerRefusalTests {
    private let greeting = ScriptedServer.Step.send("* OK [CAPABILITY IMAP4rev1 UIDPLUS MOVE] fake ready\r\n")

    private static func header(_ uid: Int, subject: String) -> String {
        let text = "Subject: \(subject)\r\nMessage-ID: <\(uid)@example.fr>\r\n\r\n"
        return "* \(uid) FETCH (UID \(uid) FLAGS () RFC822.SIZE 100 BODY[HEADER.FIELDS (SUBJECT MESSAGE-ID)] "
            + "{\(text.utf8.count)}\r\n\(text))\r\n"
    }

    @Test func aMessageTheServerCannotSendStaysWhereItIsAndTheOthersAreFiled() async throws {
        let server = try ScriptedServer([
            greeting,
            .expectLine(prefix: "M1 UID FETCH 1:3 "), .send("M1 NO [SERVERBUG] Internal error reading a message\r\n"),
            .expectLine(prefix: "M2 UID FETCH 1 "), .send(Self.header(1, subject: "une liste") + "M2 OK done\r\n"),
            .expectLine(prefix: "M3 UID FETCH 2 "), .send("M3 NO [SERVERBUG] Internal error reading a message\r\n"),
            .expectLine(prefix: "M4 UID FETCH 3 "), .send(Self.header(3, subject: "important") + "M4 OK done\r\n"),
        ])
        let connection = try await server.connect()
        let folder = TemporaryFolder("daemon")
        defer { folder.remove() }
        let store = try StateStore(directory: folder.path)
        let filer = try FolderFilerTests.filer(connection, user: "alice", folder: "INBOX", store: store)
        let plans = try await filer.planBatch(
            [1, 2, 3], state: MailboxState(uidValidity: 1, lastUID: 0), mailboxes: ["INBOX", "Listes", "Travail"])
        #expect(plans.map(\.uid) == [1, 2, 3])
        #expect(plans[0].disposition == .move(.init(mailbox: "Listes")))
        #expect(plans[1].disposition == .keep(flags: []) && plans[1].copies.isEmpty)
        #expect(plans[1].notCarriedOut.first?.contains("SERVERBUG") == true, "\(plans[1].notCarriedOut)")
        #expect(plans[2].disposition == .move(.init(mailbox: "Travail", flags: ["$Important"], create: true)))
        await connection.close()
        await server.finished()
    }

    /// A FETCH answered BAD (the command itself was wrong) or NO [UNAVAILABLE] / NO [INUSE] (a storage outage,
    /// a lock) says nothing about the messages: the batch stops and is tried again later. Taken as "this message
    /// cannot be read", every message of the batch was passed over for good while the outage lasted.
    @Test(arguments: [
        "NO [UNAVAILABLE] Temporary failure, try again later", "NO [INUSE] Mailbox is locked",
        "BAD Error in IMAP command UID FETCH: Invalid arguments",
    ])
    func aFetchRefusedForNowStopsTheBatchInsteadOfPassingItsMailOver(answer: String) async throws {
        let server = try ScriptedServer([
            greeting,
            .expectLine(prefix: "M1 UID FETCH 1:3 "), .send("M1 \(answer)\r\n"),
            // What the client did before: each message again, refused again while the outage lasts.
            .expectLine(prefix: "M2 UID FETCH 1 "), .send("M2 \(answer)\r\n"),
            .expectLine(prefix: "M3 UID FETCH 2 "), .send("M3 \(answer)\r\n"),
            .expectLine(prefix: "M4 UID FETCH 3 "), .send("M4 \(answer)\r\n"),
        ])
        let connection = try await server.connect()
        let folder = TemporaryFolder("daemon")
        defer { folder.remove() }
        let store = try StateStore(directory: folder.path)
        let filer = try FolderFilerTests.filer(connection, user: "alice", folder: "INBOX", store: store)
        do {
            let plans = try await filer.planBatch(
                [1, 2, 3], state: MailboxState(uidValidity: 1, lastUID: 0), mailboxes: ["INBOX", "Listes", "Travail"])
            Issue.record("the batch's mail was passed over for good: \(plans.map(\.notCarriedOut))")
        } catch {
            #expect((error as? IMAPClientError)?.isRefused == true, "\(error)")
        }
        await connection.close()
        await server.finished()
        #expect(!server.received.contains { $0.hasPrefix("M2 ") }, "\(server.received)")
    }

    @Test func busyForNowStopsTheBatchWhileOverQuotaIsARefusal() async throws {
        let server = try ScriptedServer([
            greeting,
            .expectLine(prefix: "M1 UID MOVE 4 "), .send("M1 NO [INUSE] Mailbox is locked, try again later\r\n"),
            .expectLine(prefix: "M2 UID MOVE 4 "),
            .send("M2 NO [OVERQUOTA] Quota exceeded (mailbox for user is full)\r\n"),
        ])
        let connection = try await server.connect()
        let filing = IMAPFilingServer(connection: connection, folder: "INBOX")
        do {
            try await filing.move([4], to: "Listes")
            Issue.record("a busy server's NO was taken as done")
        } catch {
            #expect(!(error is FilingRefusal), "\(error)")
            #expect("\(error)".contains("INUSE"))
        }
        await #expect(throws: FilingRefusal.self) { try await filing.move([4], to: "Listes") }
        await connection.close()
        await server.finished()
    }
}
