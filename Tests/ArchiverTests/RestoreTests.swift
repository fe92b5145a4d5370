import Archive
import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// `archive restore` against the test Dovecot: messages archived by `archive run` come back byte for byte, with
/// their flags and internal dates, each in its folder; nothing is added twice.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct RestoreTests {
    /// A message as the server holds it: what a restore must give back.
    struct ServerMessage: Hashable {
        var bytes: [UInt8]
        var flags: Set<String>
        var internalDate: Int64?
    }

    @Test func restoredMessagesComeBackWithTheirFlagsAndDatesInTheirFoldersAndOnlyOnce() async throws {
        let (test, inbox, projects) = try await Self.archivedAccount()
        let before = try await Self.snapshot(test, inbox: inbox, projects: projects)
        #expect(before.values.reduce(0) { $0 + $1.count } == 6)
        let connection = try await test.archiver.connect()
        _ = try await test.archiver.run(on: connection)
        #expect(try await test.messages(in: inbox).isEmpty)
        #expect(try await test.messages(in: projects).isEmpty)
        #expect(try test.archived().count == 6)

        // Half first (as a restore stopped half-way would have done), then all: each message once.
        let half = try await test.archiver.restore(
            SearchQuery(folder: projects, limit: .max), options: RestoreOptions(), on: connection)
        #expect(half.restored == 3 && half.failed == 0)
        let all = try await test.archiver.restore(nil, options: RestoreOptions(), on: connection)
        #expect(all.restored == 3 && all.skipped == 3 && all.failed == 0)
        #expect(all.folders.first { $0.folder == projects }?.skipped == 3)
        let after = try await Self.snapshot(test, inbox: inbox, projects: projects)
        #expect(after == before)

        // A second restore adds nothing; the archive still holds every message.
        let again = try await test.archiver.restore(nil, options: RestoreOptions(), on: connection)
        #expect(again.restored == 0 && again.skipped == 6)
        #expect(try await Self.snapshot(test, inbox: inbox, projects: projects) == before)
        #expect(try test.archived().count == 6)
        await connection.logout()
        await test.finish()
    }

    /// A server without MULTIAPPEND gets one APPEND per message: the same messages come back, once.
    @Test func withoutMultiappendEachMessageIsAppendedAloneAndComesBackTheSame() async throws {
        let proxy = try CapabilityHidingProxy(toPort: TestServer.dovecot.plainPort, hiding: "MULTIAPPEND")
        defer { proxy.stop() }
        let (test, inbox, projects) = try await Self.archivedAccount(port: proxy.port)
        let before = try await Self.snapshot(test, inbox: inbox, projects: projects)
        let connection = try await test.archiver.connect()
        #expect(!connection.hasCapability("MULTIAPPEND"))
        _ = try await test.archiver.run(on: connection)
        #expect(try await test.messages(in: inbox).isEmpty)
        #expect(try await test.messages(in: projects).isEmpty)
        let restored = try await test.archiver.restore(nil, options: RestoreOptions(), on: connection)
        #expect(!restored.multiAppend)
        #expect(restored.restored == 6 && restored.failed == 0)
        #expect(try await Self.snapshot(test, inbox: inbox, projects: projects) == before)
        let again = try await test.archiver.restore(nil, options: RestoreOptions(), on: connection)
        #expect(again.restored == 0 && again.skipped == 6)
        await connection.logout()
        await test.finish()
    }

    @Test func aQueryRestoresOnlyWhatMatchesToFolderGathersAndADryRunChangesNothing() async throws {
        let (test, inbox, projects) = try await Self.archivedAccount()
        let before = try await Self.snapshot(test, inbox: inbox, projects: projects)
        let connection = try await test.archiver.connect()
        _ = try await test.archiver.run(on: connection)

        // A dry run lists every message and creates no folder.
        let gathered = test.prefix + "/Restaurés"
        let dry = try await test.archiver.restore(
            nil, options: RestoreOptions(toFolder: gathered, dryRun: true), on: connection)
        #expect(dry.wouldRestore == 6 && dry.restored == 0)
        #expect(dry.folders.map(\.folder) == [gathered] && dry.folders[0].created)
        #expect(try await !Self.folderNames(test).contains(gathered))
        #expect(try await test.messages(in: inbox).isEmpty)

        // A query: only the invoices come back, each to its own folder.
        let invoices = try await test.archiver.restore(
            SearchQuery(subject: "facture", limit: .max), options: RestoreOptions(), on: connection)
        #expect(invoices.restored == 2)
        let invoiceBytes = before.values.flatMap { $0 }.filter {
            String(decoding: $0.bytes, as: UTF8.self).contains("Subject: facture")
        }
        #expect(invoiceBytes.count == 2)
        let back = try await Self.snapshot(test, inbox: inbox, projects: projects)
        #expect(back.values.flatMap { $0 }.count == 2 && Set(back.values.flatMap { $0 }) == Set(invoiceBytes))

        // A dry run now says which are there already, and why.
        let second = try await test.archiver.restore(nil, options: RestoreOptions(dryRun: true), on: connection)
        #expect(second.wouldRestore == 4 && second.skipped == 2)
        let skipped = second.folders.flatMap(\.messages).filter { $0.outcome == .skipped }
        #expect(skipped.allSatisfy { $0.reason?.contains("already in") == true && $0.subject.hasPrefix("facture") })
        #expect(try await Self.snapshot(test, inbox: inbox, projects: projects) == back)

        // --to-folder: every message in one folder, created, with its flags and date.
        let report = try await test.archiver.restore(
            nil, options: RestoreOptions(toFolder: gathered), on: connection)
        #expect(report.restored == 6 && report.folders.map(\.created) == [true])
        let all = before.values.flatMap { $0 }
        let inGathered = try await Self.folder(gathered, of: test)
        #expect(inGathered.count == 6 && Set(inGathered) == Set(all))
        await connection.logout()
        await test.finish()
    }

    /// carol's quota is 1 MiB: with a folder filling it, the restore's APPENDs are refused; the command says so
    /// for each message and exits 1, and a dry run before it changed nothing. (`make(user: "carol")` waits for
    /// the other tests that use her, until their `finish()`.)
    @Test func aRestoreOverQuotaSaysWhatWasRefusedAndExitsNonZero() async throws {
        let settings = ArchiveSettings(rule: .init(olderThanDays: 30, keepFlagged: false, keepUnread: false))
        var test = try await ArchiverTestAccount.make(user: "carol", archive: settings)
        try await QuotaPressureTests.empty(test.connection)
        test.configuration.accounts[0].archive.folders = [test.prefix]
        for index in 0..<3 {
            try await test.append(
                ArchiverTestAccount.message("quota-restore-\(index)", padding: 60 << 10), to: test.prefix,
                daysAgo: 90 + index)
        }
        let connection = try await test.archiver.connect()
        let run = try await test.archiver.run(on: connection)
        await connection.logout()
        #expect(run.expunged == 3)
        // Fill her up, leaving less room than one message.
        try await test.append(
            ArchiverTestAccount.message("remplissage", padding: 990 << 10), to: test.prefix + "-plein",
            daysAgo: 1)

        let configuration = try test.writeConfiguration()
        let restore = ["archive", "restore", "--config", configuration, "--account", "carol"]

        let (dryStatus, dry) = try await test.mailsift(restore + ["--dry-run"])
        #expect(dryStatus == 0, "\(dry)")
        #expect(dry.contains("carol: 3 messages to restore (dry run: nothing changed)"), "\(dry)")
        #expect(dry.contains("restore #"), "\(dry)")
        #expect(try await test.messages(in: test.prefix).isEmpty)

        let (status, output) = try await test.mailsift(restore)
        #expect(status == 1, "\(output)")
        #expect(output.contains("3 NOT restored"), "\(output)")
        #expect(output.contains("NOT restored #") && output.contains("OVERQUOTA"), "\(output)")
        #expect(try await test.messages(in: test.prefix).isEmpty)
        #expect(try test.archived().count == 3)
        try await QuotaPressureTests.empty(test.connection)
        await test.finish()
    }

    /// An account whose folders `prefix` and `prefix/Projets` hold six messages the policy archives: seen,
    /// flagged, with a keyword, unread, one without a Message-ID; each with its own internal date.
    static func archivedAccount(port: Int? = nil) async throws -> (ArchiverTestAccount, String, String) {
        var test = try await ArchiverTestAccount.make(
            port: port,
            archive: ArchiveSettings(rule: .init(olderThanDays: 30, keepFlagged: false, keepUnread: false)))
        let (inbox, projects) = (test.prefix, test.prefix + "/Projets")
        test.configuration.accounts[0].archive.folders = [inbox, inbox + "/*"]
        try await test.append(ArchiverTestAccount.message("facture-1"), to: inbox, flags: ["\\Seen"], daysAgo: 400)
        try await test.append(
            ArchiverTestAccount.message("rappel"), to: inbox, flags: ["\\Seen", "\\Flagged"], daysAgo: 500)
        try await test.append(ArchiverTestAccount.message("non-lu"), to: inbox, flags: ["$Label1"], daysAgo: 600)
        try await test.append(
            ArchiverTestAccount.message("facture-2"), to: projects, flags: ["\\Seen", "$Label1"], daysAgo: 700)
        try await test.append(ArchiverTestAccount.message("reunion"), to: projects, flags: [], daysAgo: 800)
        let noID = Array(
            "From: a@example.fr\r\nSubject: sans identifiant\r\nDate: Mon, 4 Mar 2019 09:00:00 +0100\r\n\r\nTexte\r\n"
                .utf8)
        try await test.append(noID, to: projects, flags: ["\\Flagged", "\\Answered"], daysAgo: 900)
        return (test, inbox, projects)
    }

    /// Both folders' messages with their flags (less `\Recent`) and internal dates, in the order of their bytes
    /// (a copy added twice shows twice).
    static func snapshot(_ test: ArchiverTestAccount, inbox: String, projects: String) async throws
        -> [String: [ServerMessage]]
    {
        func sorted(_ messages: [ServerMessage]) -> [ServerMessage] {
            messages.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        }
        return [
            inbox: sorted(try await folder(inbox, of: test)), projects: sorted(try await folder(projects, of: test)),
        ]
    }

    static func folder(_ name: String, of test: ArchiverTestAccount) async throws -> [ServerMessage] {
        _ = try await test.connection.examine(MailboxName(name))
        var found: [ServerMessage] = []
        try await test.connection.fetch(UIDSet([1...UInt32.max]), parts: .whole) { message in
            found.append(
                ServerMessage(
                    bytes: message.bytes ?? [], flags: Set(message.flags.filter { $0 != "\\Recent" }),
                    internalDate: message.internalDate?.secondsSince1970))
        }
        return found
    }

    static func folderNames(_ test: ArchiverTestAccount) async throws -> [String] {
        try await test.connection.listMailboxes().map(\.name.description)
    }
}
