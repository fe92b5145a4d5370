import Archive
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// The text index comes after the mail is archived and off the server: when it fails, the run is still a run
/// that archived (its report says what waits), not a failure that would hide what it did.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct TextIndexFailureTests {
    @Test func aRunWhoseTextCannotBeIndexedStillArchivesAndSaysWhy() async throws {
        var test = try await ArchiverTestAccount.make(archive: ArchiveSettings(rule: .init(olderThanDays: 30)))
        test.configuration.accounts[0].archive.folders = [test.prefix]
        let old = (0..<3).map { ArchiverTestAccount.message("index-casse-\($0)") }
        for message in old { try await test.append(message, to: test.prefix, daysAgo: 60) }
        // The store's full-text table made unusable: what a full disk or a damaged index does to the index step.
        _ = try ArchiveStore(directory: test.storeDirectory, options: .default)
        let catalogue = try DatabaseQueue(path: test.storeDirectory + "/catalogue.sqlite")
        try await catalogue.write { db in try db.execute(sql: "DROP TABLE message_text") }
        try catalogue.close()

        let connection = try await test.archiver.connect()
        let report = try await test.archiver.run(on: connection)
        await connection.logout()
        #expect(report.archived == 3 && report.expunged == 3)
        #expect(report.textIndexed == 0)
        #expect(report.textIndexProblem?.contains("message_text") == true, "\(report.textIndexProblem ?? "nil")")
        #expect(try await test.messages(in: test.prefix).isEmpty)
        #expect(Set(try test.archived().map(\.bytes)) == Set(old))
        #expect(try ArchiveStore(directory: test.storeDirectory, mode: .readOnly).stats().textWaiting == 3)
        await test.finish()
    }
}
