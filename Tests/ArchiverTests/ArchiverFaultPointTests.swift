import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// A run stopped at a fault point, then a new run: every message is on the server or in the archive, exactly
/// once in the archive; none is neither.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct ArchiverFaultPointTests {
    /// Four old messages, one per batch (a fetch budget of one byte), and a recent one that stays.
    private static func setUp() async throws -> (ArchiverTestAccount, old: [[UInt8]], recent: [UInt8]) {
        var test = try await ArchiverTestAccount.make(archive: ArchiveSettings(rule: .init(olderThanDays: 30)))
        test.configuration.accounts[0].archive.folders = [test.prefix]
        let old = (0..<4).map { ArchiverTestAccount.message("panne-\($0)") }
        for (index, message) in old.enumerated() {
            try await test.append(message, to: test.prefix, daysAgo: 90 - index)
        }
        let recent = ArchiverTestAccount.message("recent")
        try await test.append(recent, to: test.prefix, daysAgo: 2)
        return (test, old, recent)
    }

    /// Runs the account's plan with a fetch budget of one byte, throwing at the `reach`-th reach of `point`.
    private static func run(
        _ test: ArchiverTestAccount, faultAt point: ArchiverFaultPoint? = nil, reach: Int = 1
    ) async throws -> AccountRunReport {
        var options = test.archiver.options
        let count = Counter()
        if let point {
            options.fault = { reached in
                if reached == point, count.next() == reach { throw ArchiverFault(point) }
            }
        }
        let connection = try await test.archiver.connect()
        defer { Task { await connection.close() } }
        let plan = try await test.archiver.plan(on: connection)
        let runner = try ArchiveRunner(
            account: test.user, storeDirectory: test.storeDirectory, fetchBudget: 1, options: options)
        return try await runner.run(plan, on: connection)
    }

    /// Every message once: on the server or in the archive, never neither, never twice in the archive. Compared
    /// as text, so that a failure reads.
    private static func expectEachMessageOnce(
        _ test: ArchiverTestAccount, old: [[UInt8]], recent: [UInt8]
    ) async throws {
        func text(_ messages: [[UInt8]]) -> [String] { messages.map { String(decoding: $0, as: UTF8.self) } }
        let server = text(try await test.messages(in: test.prefix))
        let archive = text(try test.archived().map(\.bytes))
        #expect(archive.count == Set(archive).count, "a message is twice in the archive")
        #expect(Set(server + archive).isSuperset(of: Set(text(old + [recent]))), "a message is lost")
        #expect(server == text([recent]))
        #expect(Set(archive) == Set(text(old)))
    }

    @Test func aFaultAfterTheAppendBeforeTheExpungeLosesAndDuplicatesNothing() async throws {
        let (test, old, recent) = try await Self.setUp()
        await #expect(throws: ArchiverFault.self) { try await Self.run(test, faultAt: .archived, reach: 2) }
        // The second message is archived and still on the server.
        #expect(try await test.messages(in: test.prefix).count == 4)
        #expect(try test.archived().count == 2)

        let report = try await Self.run(test)
        #expect(report.folders.first?.alreadyArchived == 1)
        #expect(report.archived == 2 && report.expunged == 3)
        try await Self.expectEachMessageOnce(test, old: old, recent: recent)
        await test.finish()
    }

    @Test func aFaultBetweenTheDeletedFlagAndTheExpungeIsFinishedByTheNextRun() async throws {
        let (test, old, recent) = try await Self.setUp()
        await #expect(throws: ArchiverFault.self) { try await Self.run(test, faultAt: .markedDeleted) }
        let report = try await Self.run(test)
        // The message marked \Deleted is not in the plan (deleted mail is not archived): the run finds it in the
        // archive and expunges it.
        #expect(report.resumed == 1)
        #expect(report.archived == 3 && report.expunged == 3)
        try await Self.expectEachMessageOnce(test, old: old, recent: recent)
        await test.finish()
    }

    @Test(arguments: [ArchiverFaultPoint.archived, .markedDeleted, .expunged])
    func killNineAtAFaultPointThenANewRun(_ point: ArchiverFaultPoint) async throws {
        let (test, old, recent) = try await Self.setUp()
        let configuration = try test.writeConfiguration(
            accountKeys: """
                archive.folders = ["\(test.prefix)"]
                archive.older_than_days = 30
                archive.fetch_budget_mib = 1
                """)
        // The four old messages make one batch of the 1 MiB budget: killed at its fault point.
        let log = test.directory.path + "/run.log"
        let status = try await ArchiverProcess.run(
            ["archive", "run", "--config", configuration], environment: ["MAILSIFT_ARCHIVER_FAULT": point.rawValue],
            log: log)
        let output = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        #expect(status == 128 + SIGKILL, "\(output)")
        _ = try await Self.run(test)
        try await Self.expectEachMessageOnce(test, old: old, recent: recent)
        await test.finish()
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
