import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// Quota pressure against the test Dovecot's `carol` (a 1 MiB quota): past the start, the oldest mail leaves
/// until the use is under the target.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct QuotaPressureTests {
    @Test func quotaPressureBringsCarolUnderTheTargetOldestFirst() async throws {
        let settings = ArchiveSettings(
            rule: .init(keepUnread: false), folders: ["INBOX"], quotaStartPercent: 80, quotaTargetPercent: 50)
        let test = try await ArchiverTestAccount.make(user: "carol", archive: settings)
        try await Self.empty(test.connection)

        // 18 messages of about 50 KiB, one a day: about 88 % of the quota. The oldest is 100 days old.
        let messages = (0..<18).map { ArchiverTestAccount.message("quota-\($0)", padding: 50 << 10) }
        for (index, message) in messages.enumerated() {
            try await test.append(message, to: "INBOX", daysAgo: 100 - index)
        }
        let connection = try await test.archiver.connect()
        let plan = try await test.archiver.plan(on: connection)
        let before = try #require(plan.quotaBefore)
        #expect(plan.quotaPressure && before.percent > 80)
        #expect(try #require(plan.quotaAfter).percent < 50)
        let report = try await test.archiver.run(on: connection)
        await connection.logout()

        let after = try #require(report.quotaAfter)
        #expect(after.percent < 50)
        // Oldest first: what is left is the newest messages, and nothing more left than needed (one message
        // fewer archived would leave the use at or above the target).
        let left = try await test.messages(in: "INBOX")
        let archivedCount = messages.count - left.count
        #expect(left == Array(messages.suffix(left.count)))
        #expect(report.expunged == archivedCount)
        #expect(Set(try test.archived().map(\.bytes)) == Set(messages.prefix(archivedCount)))
        let oneLess =
            Double(after.usedBytes + UInt64(messages[archivedCount - 1].count)) * 100
            / Double(after.limitBytes)
        #expect(oneLess >= 49)
        try await Self.empty(test.connection)
        await test.finish()
    }

    /// Removes every message of every folder of the account: carol's mailbox is shared by every run of the suite.
    static func empty(_ connection: IMAPConnection) async throws {
        for entry in try await connection.listMailboxes() where !entry.hasAttribute("\\Noselect") {
            let selected = try await connection.select(entry.name)
            guard selected.exists > 0 else { continue }
            try await connection.storeFlags(UIDSet([1...UInt32.max]), .add, ["\\Deleted"])
            try await connection.execute(.uidExpunge(UIDSet([1...UInt32.max])))
        }
    }
}
