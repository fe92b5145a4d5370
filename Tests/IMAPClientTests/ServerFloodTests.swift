import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// A server that sends more than anyone asked for — huge lists, FETCH data nobody requested, events faster than
/// they are read — meets a bound (`IMAPLimits`), not a client that grows until it dies.
@Suite struct ServerFloodTests {
    private let greeting = ScriptedServer.Step.send("* OK [CAPABILITY IMAP4rev1 IDLE LITERAL+] fake ready\r\n")

    private func connect(_ server: ScriptedServer, limits: IMAPLimits = .default) async throws -> IMAPConnection {
        try await IMAPConnection.connect(
            IMAPClientConfiguration(
                host: "127.0.0.1", port: server.port, security: .plaintext,
                timeouts: .init(connect: .seconds(10), greeting: .seconds(10), command: .seconds(20)), limits: limits))
    }

    @Test func aHundredThousandFlagsCloseTheConnectionWithALimitError() async throws {
        let flags = Array(repeating: "a", count: 100_000).joined(separator: " ")
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 "), .send("* FLAGS (\(flags))\r\nM1 OK done\r\n"),
        ])
        let connection = try await connect(server)
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error?.isLimitExceeded == true, "\(String(describing: error))")
        #expect(error?.description.contains("IMAPLimits.maxFlags") == true, "\(String(describing: error))")
        // Closed: the next command fails at once with the same reason, and the server sees the connection go.
        let next = await clientFailure { try await connection.execute(.noop) }
        #expect(next?.isLimitExceeded == true || next?.isConnectionClosed == true, "\(String(describing: next))")
        await connection.close()
        await server.finished()
    }

    @Test func unrequestedFetchLiteralsBeforeTheOKMeetTheCommandBound() async throws {
        var limits = IMAPLimits.default
        limits.maxUntaggedBytesPerCommand = 1 << 20
        // 40 × 64 KiB = 2.5 MiB of bodies nobody asked for, then the OK.
        let body = String(repeating: "x", count: 64 << 10)
        let flood = (1...40).map { "* \($0) FETCH (UID \($0) BODY[] {\(body.utf8.count)}\r\n\(body))\r\n" }.joined()
        let server = try ScriptedServer([greeting, .expectLine(prefix: "M1 "), .send(flood + "M1 OK done\r\n")])
        let connection = try await connect(server, limits: limits)
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error?.isLimitExceeded == true, "\(String(describing: error))")
        #expect(
            error?.description.contains("IMAPLimits.maxUntaggedBytesPerCommand") == true, "\(String(describing: error))"
        )
        await connection.close()
        await server.finished()
    }

    /// A body FETCH expects its bodies: a message larger than the bound on unrequested data still comes through.
    @Test func fetchedBodiesAreExpectedData() async throws {
        var limits = IMAPLimits.default
        limits.maxUntaggedBytesPerCommand = 64 << 10
        let message = "Subject: big\r\n\r\n" + String(repeating: "y", count: 200_000)
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 UID FETCH"),
            .send("* 1 FETCH (UID 7 RFC822.SIZE \(message.utf8.count))\r\nM1 OK done\r\n"),
            .expectLine(prefix: "M2 UID FETCH"),
            .send("* 1 FETCH (UID 7 BODY[] {\(message.utf8.count)}\r\n\(message))\r\nM2 OK done\r\n"),
        ])
        let connection = try await connect(server, limits: limits)
        var fetched: [UInt32: Int] = [:]
        try await connection.fetchMessages(UIDSet([7...7])) { uid, bytes in fetched[uid] = bytes.count }
        #expect(fetched == [7: message.utf8.count])
        await connection.close()
        await server.finished()
    }

    /// Runs IDLE while the server sends `flood` (`count` events) with nobody reading; returns the events left.
    private func idle(through flood: String, count: Int, limits: IMAPLimits) async throws -> (
        IMAPEvents, [UntaggedResponse]
    ) {
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 IDLE"), .send("+ idling\r\n" + flood), .expectLine(prefix: "DONE"),
            .send("M1 OK done\r\n"),
        ])
        let connection = try await connect(server, limits: limits)
        try await connection.startIdle()
        // During IDLE everything the server sends is an event, and each counts once, buffered or dropped: wait
        // (with a deadline) until all have come.
        let events = connection.events
        let deadline = ContinuousClock.now + .seconds(30)
        while events.droppedCount + events.bufferedCount < count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await connection.endIdle()
        let buffered = events.bufferedCount
        var iterator = events.makeAsyncIterator()
        var left: [UntaggedResponse] = []
        for _ in 0..<buffered { if let event = await iterator.next() { left.append(event) } }
        await connection.close()
        await server.finished()
        return (events, left)
    }

    private static func fetches(_ count: Int, bytes: Int) -> String {
        (1...count).map {
            "* \($0) FETCH (UID \($0) BODY[] {\(bytes)}\r\n" + String(repeating: "z", count: bytes) + ")\r\n"
        }.joined()
    }

    /// Nobody reads while the server floods events: the buffer keeps the newest within its count and counts
    /// what it dropped.
    @Test func aFloodOfEventsNobodyReadsKeepsTheNewestWithinTheCount() async throws {
        var limits = IMAPLimits.default
        limits.maxBufferedEvents = 1000
        let flood = Self.fetches(200, bytes: 100) + (1...5000).map { "* \($0) EXISTS\r\n" }.joined()
        let (events, left) = try await idle(through: flood, count: 5200, limits: limits)
        #expect(events.droppedCount == 4200)
        #expect(left == (4001...5000).map { .exists($0) })
    }

    /// Events that carry data (a FETCH with a body) are bounded by their bytes, well before their count.
    @Test func aFloodOfEventsCarryingDataStaysWithinTheBytes() async throws {
        var limits = IMAPLimits.default
        limits.maxBufferedEvents = 1000
        limits.maxBufferedEventBytes = 64 << 10
        let (events, left) = try await idle(through: Self.fetches(200, bytes: 4096), count: 200, limits: limits)
        #expect(left.reduce(0) { $0 + $1.approximateBytes } <= 64 << 10)
        #expect(
            left.count >= 10 && events.droppedCount == 200 - left.count,
            "\(left.count) left, \(events.droppedCount) dropped")
        #expect(
            left.last
                == .fetch(
                    sequence: 200,
                    attributes: [
                        .uid(200),
                        .body(section: "", origin: nil, data: Array(repeating: UInt8(ascii: "z"), count: 4096)),
                    ]))
    }

    /// After a framing error the client stops reading and closes; the megabytes of garbage that follow are not
    /// kept (the channel handler's own test shows the buffer stays empty).
    @Test func garbageAfterAFramingErrorIsNotRead() async throws {
        let garbage = String(repeating: "garbage ", count: 512 << 10)
        let server = try ScriptedServer([
            greeting, .expectLine(prefix: "M1 "), .send("* 1 FETCH (BODY[] {99999999999999999}\r\n" + garbage),
        ])
        let connection = try await connect(server)
        let error = await clientFailure { try await connection.execute(.noop) }
        #expect(error?.isProtocolViolation == true, "\(String(describing: error))")
        #expect(error?.description.contains("literal announcement") == true, "\(String(describing: error))")
        await connection.close()
        await server.finished()
    }
}
