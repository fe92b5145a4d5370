import Archive
import Foundation
import IMAPClient
import IMAPCore
import Logging
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// The daemon's archive schedule against the test Dovecot: a missed slot is made up at the start, a quota past
/// its start starts a run at once; each run is kept for `mailsift status`, and the store is settled after it.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct ArchiveSchedulerTests {
    /// Polls `condition` for at most `seconds`.
    static func eventually(_ seconds: Double = 60, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test func aSlotMissedWhileTheDaemonWasDownIsMadeUpAtItsStartAndShownInStatus() async throws {
        var test = try await ArchiverTestAccount.make(archive: ArchiveSettings())
        test.configuration.accounts[0].archive = ArchiveSettings(
            rule: .init(olderThanDays: 30, keepUnread: false), folders: ["\(test.prefix)*"])
        test.configuration.archive.schedule = ArchiveSchedule(.daily(minuteOfDay: 150), spreadSeconds: 0)
        let old = ArchiverTestAccount.message("old")
        let recent = ArchiverTestAccount.message("recent")
        try await test.append(old, to: "\(test.prefix)-a", daysAgo: 100)
        try await test.append(recent, to: "\(test.prefix)-a", daysAgo: 1)
        let store = try StateStore(directory: test.configuration.stateDirectory)
        // The last run two days ago: yesterday's slot was missed.
        let twoDaysAgo = Int64(Date().timeIntervalSince1970) - 2 * 86_400
        try store.recordArchiveRun(
            ArchiveRunRecord(
                account: test.user, startedAt: twoDaysAgo, finishedAt: twoDaysAgo, trigger: .schedule, outcome: "ok"))

        let scheduler = ArchiveScheduler(configuration: test.configuration, store: store, logger: Logger(label: "test"))
        let running = Task { try await scheduler.run() }
        #expect(
            try await Self.eventually { (try store.lastArchiveRun(account: test.user)?.startedAt ?? 0) > twoDaysAgo })
        let record = try #require(try store.lastArchiveRun(account: test.user))
        #expect(record.trigger == .schedule && record.succeeded, "\(record.outcome)")
        #expect(record.archived == 1 && record.expunged == 1 && record.leftOnServer == 0)
        #expect(record.storeMessages == 1 && (record.storeBytes ?? 0) > 0)
        #expect(try await test.messages(in: "\(test.prefix)-a") == [recent])
        #expect(try test.archived().map(\.bytes) == [old])

        // Idle afterwards: the block written fast is settled.
        #expect(
            try await Self.eventually {
                try ArchiveStore(directory: test.storeDirectory, mode: .readOnly).stats().unsettledBlocks == 0
            })
        running.cancel()
        try await running.value

        let status = try StatusReport.read(from: store, accounts: [test.user])
        let text = status.text()
        #expect(text.contains("archive (last run of each account):"), "\(text)")
        #expect(text.contains("\(test.user): "), "\(text)")
        #expect(text.contains("(schedule): ok, 1 archived, 1 deleted from the server"), "\(text)")
        #expect(text.contains("1 messages"), "\(text)")
        await test.finish()
    }

    /// A store whose lock another writer holds when its turn to settle comes (an `archive import`, or the run
    /// that just ended not yet let go) is settled once free, not left until the account's next run a day later.
    @Test func aStoreBusyWhenItsTurnToSettleComesIsSettledOnceFree() async throws {
        var test = try await ArchiverTestAccount.make(archive: ArchiveSettings())
        test.configuration.accounts[0].archive = ArchiveSettings(
            rule: .init(olderThanDays: 30, keepUnread: false), folders: ["\(test.prefix)*"])
        test.configuration.archive.schedule = ArchiveSchedule(.every(seconds: 86_400), spreadSeconds: 0)
        var writer: ArchiveStore? = try ArchiveStore(
            directory: test.storeDirectory, options: ArchiveOptions(compressionLevel: 3))
        let message = IncomingMessage(
            bytes: ArchiverTestAccount.message("busy"), origin: .init(account: test.user, folder: "a"))
        _ = try writer?.archive([message], indexingText: false)
        let store = try StateStore(directory: test.configuration.stateDirectory)
        let scheduler = ArchiveScheduler(configuration: test.configuration, store: store, logger: Logger(label: "test"))
        let running = Task { try await scheduler.run() }
        // Its first turn to settle comes while the writer holds the lock.
        try await Task.sleep(for: .seconds(2))
        writer = nil
        #expect(
            try await Self.eventually(40) {
                let stats = try ArchiveStore(directory: test.storeDirectory, mode: .readOnly).stats()
                return stats.unsettledBlocks == 0 && stats.textWaiting == 0
            })
        running.cancel()
        try await running.value
        await test.finish()
    }

    @Test func aQuotaPastItsStartStartsARunAtOnce() async throws {
        let settings = ArchiveSettings(
            rule: .init(keepUnread: false), folders: ["INBOX"], quotaStartPercent: 80, quotaTargetPercent: 50)
        var test = try await ArchiverTestAccount.make(user: "carol", archive: settings)
        try await QuotaPressureTests.empty(test.connection)
        // Scheduled for tomorrow only: what starts the run is the quota.
        test.configuration.archive.schedule = ArchiveSchedule(.every(seconds: 86_400), spreadSeconds: 0)
        for index in 0..<18 {
            try await test.append(
                ArchiverTestAccount.message("pressure-\(index)", padding: 50 << 10), to: "INBOX", daysAgo: 100 - index)
        }
        let store = try StateStore(directory: test.configuration.stateDirectory)
        // What the daemon's connection recorded at its login: 88 % of the 1 MiB quota (in KiB, as IMAP counts).
        try store.recordQuota(account: "carol", resource: "STORAGE", usage: 901, limit: 1_024)

        let scheduler = ArchiveScheduler(configuration: test.configuration, store: store, logger: Logger(label: "test"))
        let running = Task { try await scheduler.run() }
        #expect(try await Self.eventually { try store.lastArchiveRun(account: "carol") != nil })
        running.cancel()
        try await running.value
        let record = try #require(try store.lastArchiveRun(account: "carol"))
        #expect(record.trigger == .quota && record.succeeded, "\(record.outcome)")
        #expect(record.archived > 0 && record.expunged == record.archived)
        #expect((record.quotaBeforePercent ?? 0) > 80 && (record.quotaAfterPercent ?? 100) < 50)
        // The quota the run left is what the next check sees: no second run for the same pressure.
        #expect(try store.accountsOverQuota(percent: { _ in 80 }).isEmpty)
        try await QuotaPressureTests.empty(test.connection)
        await test.finish()
    }
}
