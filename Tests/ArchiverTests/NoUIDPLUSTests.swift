import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// A server without UIDPLUS has no expunge of chosen UIDs: a plain EXPUNGE would also remove what other clients
/// marked deleted. The messages are archived and left, and the report says so.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct NoUIDPLUSTests {
    @Test func withoutUIDPLUSMessagesAreArchivedNotExpungedAndReported() async throws {
        let proxy = try CapabilityHidingProxy(toPort: TestServer.dovecot.plainPort)
        defer { proxy.stop() }
        var test = try await ArchiverTestAccount.make(
            port: proxy.port, archive: ArchiveSettings(rule: .init(olderThanDays: 30)))
        test.configuration.accounts[0].archive.folders = [test.prefix]
        let old = (0..<3).map { ArchiverTestAccount.message("sans-uidplus-\($0)") }
        for message in old { try await test.append(message, to: test.prefix, daysAgo: 60) }
        // Another client's deletion, waiting for its own expunge: it must survive the run.
        let othersDeletion = ArchiverTestAccount.message("supprime-par-un-autre")
        try await test.append(othersDeletion, to: test.prefix, flags: ["\\Seen", "\\Deleted"], daysAgo: 1)

        let connection = try await test.archiver.connect()
        #expect(!connection.hasCapability("UIDPLUS"))
        let report = try await test.archiver.run(on: connection)
        #expect(!report.hasUIDPLUS)
        #expect(report.archived == 3 && report.expunged == 0 && report.leftOnServer == 3)
        // The run does not mark them deleted either: they stay as they were.
        #expect(Set(try await test.messages(in: test.prefix)) == Set(old + [othersDeletion]))
        #expect(Set(try test.archived().map(\.bytes)) == Set(old))

        // A second run finds them archived already: nothing is stored twice.
        let second = try await test.archiver.run(on: connection)
        await connection.logout()
        #expect(second.archived == 0 && second.folders.first?.alreadyArchived == 3 && second.leftOnServer == 3)
        #expect(try test.archived().count == 3)
        await test.finish()
    }
}
