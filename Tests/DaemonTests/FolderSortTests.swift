import Foundation
import IMAPClient
import IMAPCore
import Logging
import TestSupport
import Testing

@testable import Daemon

@Suite(.enabled(if: DaemonTestAccounts.available, "needs the test Dovecot: run scripts/test.sh"))
struct FolderSortTests {
    @Test func aDryRunChangesNothingThenTheSortFilesWhatIsThere() async throws {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let connection = try await DaemonTestAccounts.connect(user)
        try await connection.execute(.create(MailboxName("Listes")))
        try await connection.execute(.create(MailboxName("Archives")))
        let ids = try await FolderFilerTests.append(10, to: "INBOX", connection)

        var sort = FolderSort(account: user, folder: "INBOX", rules: try FolderFilerTests.filingRules())
        sort.dryRun = true
        let planned = try await sort.run(
            connection: connection, store: store, work: FolderFilerTests.work, logger: Logger(label: "test"))
        #expect(planned.messages == 10 && planned.plans.count == 10)
        #expect(planned.outcomes["move to Listes"] == 2)
        #expect(planned.outcomes["delete (discard)"] == 2)
        let look = try await DaemonTestAccounts.connect(user)
        #expect(try await DaemonTestAccounts.census(look, "INBOX").count == 10, "a dry run changes nothing")
        #expect(try await DaemonTestAccounts.census(look, "Listes").isEmpty)

        sort.dryRun = false
        let done = try await sort.run(
            connection: connection, store: store, work: FolderFilerTests.work, logger: Logger(label: "test"))
        #expect(done.messages == 10)
        #expect(done.outcomes["moved to Listes"] == 2 && done.outcomes["copied to Archives"] == 2)
        #expect(done.outcomes["deleted (discard)"] == 2 && done.outcomes["moved to Travail"] == 2)
        try await FolderFilerTests.expectFiled(ids, user: user, folder: "INBOX")
        await look.logout()
        await connection.logout()
    }
}
