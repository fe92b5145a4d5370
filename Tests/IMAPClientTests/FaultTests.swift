import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// The client against a server that misbehaves (ScriptedServer): every fault ends in a clear error and a
/// closed connection, never a hang, a crash or unbounded memory.
@Suite struct FaultTests {
    private let greeting = ScriptedServer.Step.send("* OK [CAPABILITY IMAP4rev1 IDLE LITERAL+] fake ready\r\n")

    /// Timeouts generous enough for a loaded machine (the whole suite shares two cores and SwiftNIO's two event
    /// loops with TLS handshakes), except where a test waits for the timeout itself.
    private func configuration(
        _ server: ScriptedServer, greeting: Duration = .seconds(10), command: Duration = .seconds(10),
        limits: IMAPLimits = .default
    ) -> IMAPClientConfiguration {
        IMAPClientConfiguration(
            host: "127.0.0.1", port: server.port, security: .plaintext,
            timeouts: .init(connect: .seconds(10), greeting: greeting, command: command), limits: limits)
    }

    @Test func aDropInTheMiddleOfALiteral() async throws {
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 "), .send("* 1 FETCH (UID 5 BODY[] {100}\r\nFrom: a@b\r\n"), .close,
        ])
        let connection = try await IMAPConnection.connect(configuration(server))
        let error = await clientFailure {
            try await connection.execute(.uidFetch(UIDSet([5...5]), items: [.body], changedSince: nil))
        }
        #expect(error?.isConnectionClosed == true, "\(String(describing: error))")
        await server.finished()
    }

    @Test func byeInsteadOfAnAnswer() async throws {
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 "), .send("* BYE Server shutting down for maintenance\r\n"), .close,
        ])
        let connection = try await IMAPConnection.connect(configuration(server))
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error?.isConnectionClosed == true)
        #expect(error?.description.contains("shutting down for maintenance") == true, "\(String(describing: error))")
        await server.finished()
    }

    @Test func garbageIsAProtocolViolation() async throws {
        let server = try ScriptedServer([greeting, .expectLine(prefix: "M1 "), .send("\u{1}\u{2}$$ what is this\r\n")])
        let connection = try await IMAPConnection.connect(configuration(server))
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error?.isProtocolViolation == true, "\(String(describing: error))")
        await server.finished()
    }

    @Test func aLiteralOverTheLimitIsRefusedWithoutReadingIt() async throws {
        var limits = IMAPLimits.default
        limits.maxLiteralBytes = 1 << 20
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 "), .send("* 1 FETCH (BODY[] {4000000000}\r\n"), .silence,
        ])
        let connection = try await IMAPConnection.connect(configuration(server, limits: limits))
        let error = await clientFailure {
            try await connection.execute(.uidFetch(UIDSet([1...1]), items: [.body], changedSince: nil))
        }
        #expect(error?.isLimitExceeded == true, "\(String(describing: error))")
        await server.finished()
    }

    @Test func aServerThatNeverGreets() async throws {
        let server = try ScriptedServer([.silence])
        let error = await clientFailure {
            _ = try await IMAPConnection.connect(configuration(server, greeting: .seconds(1)))
        }
        #expect(error?.isTimeout == true, "\(String(describing: error))")
        await server.finished()
    }

    @Test func aServerThatNeverAnswersACommand() async throws {
        let server = try ScriptedServer([greeting, .silence])
        let connection = try await IMAPConnection.connect(configuration(server, command: .milliseconds(500)))
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error?.isTimeout == true, "\(String(describing: error))")
        await server.finished()
    }

    /// After a timeout the connection is shut for writing (the server may still finish what it read); a command
    /// sent then fails at once — IDLE too, whose completion the connection keeps: dropped uncompleted, it was a
    /// leaked promise, fatal to the whole process in a debug build when the connection went away.
    @Test func aCommandAfterATimeoutFailsAndLeaksNothing() async throws {
        let server = try ScriptedServer([greeting, .silence])
        do {
            let connection = try await IMAPConnection.connect(configuration(server, command: .milliseconds(300)))
            let first = await clientFailure { try await connection.execute(.noop) }
            #expect(first?.isTimeout == true, "\(String(describing: first))")
            let idle = await clientFailure { try await connection.startIdle() }
            #expect(idle != nil)
            let next = await clientFailure { try await connection.execute(.noop) }
            #expect(next != nil)
            // Closed: the write fails before any handler holds the request.
            await connection.close()
            let closed = await clientFailure { try await connection.startIdle() }
            #expect(closed != nil)
        }
        await server.finished()
    }

    @Test func untaggedResponsesInterleavedAnywhere() async throws {
        let server = try ScriptedServer([
            greeting, .send("* 3 EXISTS\r\n"), .expectLine(prefix: "M1 "),
            .send(
                "* 4 EXISTS\r\n* 1 FETCH (FLAGS (\\Seen))\r\n* SEARCH 1 2\r\n* 2 EXPUNGE\r\nM1 OK [READ-WRITE] done\r\n"
            ),
            .send("* 5 EXISTS\r\n"),
        ])
        let connection = try await IMAPConnection.connect(configuration(server))
        let completion = try await connection.execute(.uidSearch(.all, returnOptions: nil))
        #expect(
            completion.untagged == [
                .exists(4), .fetch(sequence: 1, attributes: [.flags(["\\Seen"])]), .search([1, 2], modSeq: nil),
                .expunge(2),
            ])
        let deadline = Task {
            try await Task.sleep(for: .seconds(20))
            await connection.close()
        }
        defer { deadline.cancel() }
        var events: [UntaggedResponse] = []
        for await event in connection.events {
            events.append(event)
            if events.count == 4 { break }
        }
        // Changes that came with the command's answer are events too (and stay in its answer).
        #expect(events == [.exists(3), .exists(4), .expunge(2), .exists(5)])
        await connection.close()
        await server.finished()
    }

    /// A busy machine may resume the waiting task long after the server answered: that is no timeout, and the
    /// connection must still work. The cooperative threads are kept busy past the timeout on purpose.
    @Test func anAnswerThatCameInTimeIsNoTimeoutHoweverLateTheTaskResumes() async throws {
        // The greeting comes at 100 ms, while every cooperative thread is busy until 2 s; the timeout is 1.5 s.
        let server = try ScriptedServer([
            .pause(milliseconds: 100), greeting, .expectLine(prefix: "M1 NOOP"), .send("M1 OK done\r\n"),
        ])
        let connecting = Task { try await IMAPConnection.connect(configuration(server, greeting: .milliseconds(1500))) }
        try await Task.sleep(for: .milliseconds(30))
        let blockers = (0..<ProcessInfo.processInfo.activeProcessorCount).map { _ in Task { _ = usleep(2_000_000) } }
        for blocker in blockers { await blocker.value }
        let connection = try await connecting.value
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error == nil, "\(String(describing: error))")
        await connection.close()
        await server.finished()
    }

    @Test func aConnectionDroppedDuringIdleEndsTheWatchAtOnce() async throws {
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 IDLE"), .send("+ idling\r\n"), .pause(milliseconds: 200), .close,
        ])
        let connection = try await IMAPConnection.connect(configuration(server))
        let started = ContinuousClock.now
        let error = await clientFailure { try await connection.keepWatching(renewIdleEvery: .seconds(120)) }
        #expect(error?.isConnectionClosed == true, "\(String(describing: error))")
        #expect(ContinuousClock.now - started < .seconds(60))
        await server.finished()
    }

    @Test func startTLSRefusedWhenNotOffered() async throws {
        let server = try ScriptedServer([greeting])
        var configuration = configuration(server)
        configuration.security = .startTLS
        let error = await clientFailure { _ = try await IMAPConnection.connect(configuration) }
        #expect(error?.isTLSFailure == true, "\(String(describing: error))")
        await server.finished()
    }
}
