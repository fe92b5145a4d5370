import IMAPClient
import IMAPCore
import Logging
import TestSupport
import Testing

@testable import Daemon

/// Several folders on one connection with NOTIFY (ScriptedServer): which folder a notice wakes.
@Suite struct NoticeWaiterTests {
    private let greeting = ScriptedServer.Step.send("* OK [CAPABILITY IMAP4rev1 IDLE NOTIFY UIDPLUS MOVE] ready\r\n")

    /// A folder configured as "inbox" is the INBOX the server's notices name: its new mail wakes the wait at
    /// once, not at the next renewal (28 minutes by default).
    @Test func aNoticeForINBOXWakesAFolderConfiguredAsInbox() async throws {
        let server = try ScriptedServer([
            greeting,
            .expectLine(prefix: "M1 IDLE"), .send("+ idling\r\n* STATUS INBOX (MESSAGES 3 UIDNEXT 4)\r\n"),
            .expectLine(prefix: "DONE"), .send("M1 OK done\r\n"),
        ])
        let connection = try await server.connect()
        var waiter = NoticeWaiter(connection: connection, folders: ["inbox", "Listes"])
        waiter.renewIdleEvery = .seconds(20)
        let wake = try await waiter.wait(selected: "Listes")
        #expect(wake.folders == ["inbox"] && !wake.renewal, "\(wake)")
        await connection.close()
        await server.finished()
    }

    /// Mail that arrives in a folder while it is being filed comes as an EXISTS (the server does not say it
    /// again); once the next folder is selected, that EXISTS must still send the supervisor back to the first
    /// folder, not be read as news of the one selected now (its mail then waited for the next renewal).
    @Test func mailArrivingWhileAFolderIsFiledIsLookedAtAfterTheNextFolder() async throws {
        let server = try ScriptedServer([
            greeting,
            .expectLine(prefix: "M1 NOTIFY"), .send("M1 OK NOTIFY done\r\n"),
            .expectLine(prefix: "M2 SELECT INBOX"),
            .send("* 4 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 5] n\r\nM2 OK [READ-WRITE] done\r\n"),
            // The search finds nothing new; a message arrives just after it, and the EXISTS rides along.
            .expectLine(prefix: "M3 UID SEARCH"), .send("* SEARCH\r\n* 5 EXISTS\r\nM3 OK done\r\n"),
            .expectLine(prefix: "M4 SELECT Second"),
            .send("* 0 EXISTS\r\n* OK [UIDVALIDITY 8] v\r\n* OK [UIDNEXT 1] n\r\nM4 OK [READ-WRITE] done\r\n"),
            .expectLine(prefix: "M5 UID SEARCH"), .send("* SEARCH\r\nM5 OK done\r\n"),
            // What must come next: INBOX again. (Before, the EXISTS woke "Second": a search there, then IDLE.)
            .expectLine(prefix: "M6 SELECT INBOX"), .close,
        ])
        try await Self.superviseINBOXAndSecond(on: server)
        #expect(server.received.contains { $0.hasPrefix("M6 SELECT INBOX") }, "\(server.received)")
    }

    /// A server that announces NOTIFY but refuses it: the folders go to a connection each (the first is logged
    /// out), instead of the shared connection failing, and every folder with it, at every attempt.
    @Test func notifyRefusedFallsBackToAConnectionPerFolder() async throws {
        let server = try ScriptedServer([
            greeting,
            .expectLine(prefix: "M1 NOTIFY"), .send("M1 NO [CANNOT] NOTIFY is not available here\r\n"),
            .expectLine(prefix: "M2 LOGOUT"), .send("* BYE bye\r\nM2 OK done\r\n"), .close,
        ])
        try await Self.superviseINBOXAndSecond(on: server)
        #expect(server.received.contains { $0.hasPrefix("M2 LOGOUT") }, "\(server.received)")
    }

    /// Runs a supervisor of INBOX and "Second" against `server` until its script ends.
    private static func superviseINBOXAndSecond(on server: ScriptedServer) async throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let book = RuleBook()
        await book.set(try FolderFilerTests.filingRules(), for: "alice")
        let endpoint = AccountEndpoint(name: "alice", folders: ["INBOX", "Second"]) {
            try await server.connect(commandTimeout: .seconds(5))
        }
        let supervisor = AccountSupervisor(
            endpoint: endpoint, store: store, rules: book, work: FolderFilerTests.work, logger: Logger(label: "test"))
        let running = Task { await supervisor.run() }
        await server.finished()
        running.cancel()
        await running.value
    }
}
