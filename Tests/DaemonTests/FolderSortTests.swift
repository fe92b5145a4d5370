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
        let setup = try await DaemonTestSetup.make()
        defer { setup.directory.remove() }
        let (user, store, connection) = (setup.user, setup.store, setup.connection)
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

    /// A sort that died after its first MOVE (the plan recorded, the rest not done) is resumed by the next one:
    /// its batch is finished, nothing is done twice, not even the copies; that next sort moves over three
    /// connections. A sort that ends leaves nothing to resume: a third sort sorts everything again.
    @Test func anInterruptedSortIsResumedWithNothingDoneTwice() async throws {
        let setup = try await DaemonTestSetup.make()
        defer { setup.directory.remove() }
        let (user, store, connection) = (setup.user, setup.store, setup.connection)
        let ids = try await FolderFilerTests.append(10, to: "INBOX", connection)
        let validity = try await connection.select(.inbox).uidValidity
        var dying = try FolderFilerTests.filer(connection, user: user, folder: "INBOX", store: store)
        dying.stateKey = FolderSort.stateKey(for: "INBOX")
        // Changes: the copy's flag on the originals, the COPY, the flag off again, the kept ones' flag, CREATE
        // Travail, then the first MOVE: the crash comes right after it.
        dying.server = FaultyServer(IMAPFilingServer(connection: connection, folder: "INBOX"), failAfter: 6)
        let uids = try await connection.searchUIDs(.all).sorted()
        await #expect(throws: FaultyServer.Crash.self) {
            try await dying.fileBatch(uids, state: MailboxState(uidValidity: validity, lastUID: 0))
        }
        #expect(try store.pendingBatch(account: user, folder: dying.stateKey) != nil)

        var sort = FolderSort(account: user, folder: "INBOX", rules: try FolderFilerTests.filingRules())
        sort.extraLanes = 2
        sort.openLane = { try await DaemonTestAccounts.connect(user) }
        let resumed = try await sort.run(
            connection: connection, store: store, work: FolderFilerTests.work, logger: Logger(label: "test"))
        #expect(resumed.resumed == 10 && resumed.messages == 0)
        #expect(try store.pendingBatch(account: user, folder: dying.stateKey) == nil)
        try await FolderFilerTests.expectFiled(ids, user: user, folder: "INBOX")

        let look = try await DaemonTestAccounts.connect(user)
        let left = try await DaemonTestAccounts.census(look, "INBOX").count
        await look.logout()
        let again = try await sort.run(
            connection: connection, store: store, work: FolderFilerTests.work, logger: Logger(label: "test"))
        #expect(left > 0 && again.resumed == 0 && again.messages == left, "what stayed in INBOX is sorted again")
        #expect(try store.mailboxState(account: user, folder: "INBOX") == nil, "the daemon's state is not the sort's")
        await connection.logout()
    }
}
