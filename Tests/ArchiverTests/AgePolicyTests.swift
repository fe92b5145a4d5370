import Archive
import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// Archiving by age against the test Dovecot: exactly the old messages the policy lets go leave the server, and
/// the archive gives back exactly their bytes.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct AgePolicyTests {
    @Test func anAgePolicyArchivesExactlyTheMatchingMessagesOfSeveralFolders() async throws {
        var settings = ArchiveSettings(rule: .init(olderThanDays: 365, keepFlagged: true, keepUnread: true))
        let setup = try await ArchiverTestAccount.make(archive: settings)
        let (inbox, projects, drafts) = (setup.prefix, setup.prefix + "/Projets", setup.prefix + "/Drafts")
        settings.folders = [inbox, inbox + "/*"]
        settings.excludeFolders = ["*/Drafts"]
        // Projets lets its unread mail go too.
        settings.folderRules = ["*/Projets": .init(keepUnread: false)]
        var test = setup
        test.configuration.accounts[0].archive = settings

        let oldRead = (0..<4).map { ArchiverTestAccount.message("ancien-lu-\($0)") }
        let oldFlagged = ArchiverTestAccount.message("ancien-important")
        let oldUnread = ArchiverTestAccount.message("ancien-non-lu")
        let recent = ArchiverTestAccount.message("recent")
        let projectOldUnread = ArchiverTestAccount.message("projet-ancien-non-lu")
        let projectRecent = ArchiverTestAccount.message("projet-recent")
        let draftOld = ArchiverTestAccount.message("brouillon-ancien")
        for (index, message) in oldRead.enumerated() {
            try await test.append(message, to: inbox, flags: ["\\Seen", "$Label\(index)"], daysAgo: 400 + index)
        }
        try await test.append(oldFlagged, to: inbox, flags: ["\\Seen", "\\Flagged"], daysAgo: 500)
        try await test.append(oldUnread, to: inbox, flags: [], daysAgo: 500)
        try await test.append(recent, to: inbox, daysAgo: 10)
        try await test.append(projectOldUnread, to: projects, flags: [], daysAgo: 800)
        try await test.append(projectRecent, to: projects, daysAgo: 1)
        try await test.append(draftOld, to: drafts, daysAgo: 900)

        let connection = try await test.archiver.connect()
        let plan = try await test.archiver.plan(on: connection)
        #expect(Set(plan.folders.map(\.folder)) == [inbox, projects])
        #expect(plan.messageCount == 5)
        let report = try await test.archiver.run(on: connection)
        await connection.logout()

        #expect(report.archived == 5 && report.expunged == 5 && report.leftOnServer == 0)
        #expect(Set(try await test.messages(in: inbox)) == [oldFlagged, oldUnread, recent])
        #expect(try await test.messages(in: projects) == [projectRecent])
        #expect(try await test.messages(in: drafts) == [draftOld])

        // The archive holds exactly what left the server, byte for byte, in its folder, with its flags and date.
        let archived = try test.archived()
        #expect(Set(archived.map(\.bytes)) == Set(oldRead + [projectOldUnread]))
        #expect(archived.count == 5)
        for (index, message) in oldRead.enumerated() {
            let copy = try #require(archived.first { $0.bytes == message })
            #expect(copy.folder == inbox)
            #expect(Set(copy.flags) == ["\\Seen", "$Label\(index)"])
            let days = (Date().timeIntervalSince1970 - Double(copy.internalDate ?? 0)) / 86_400
            #expect(abs(days - Double(400 + index)) < 1.01)
        }
        #expect(archived.first { $0.bytes == projectOldUnread }?.folder == projects)

        // A second run finds nothing more to do.
        let again = try await test.archiver.connect()
        let second = try await test.archiver.run(on: again)
        await again.logout()
        #expect(second.archived == 0 && second.expunged == 0)
        #expect(try test.archived().count == 5)
        await test.finish()
    }

    @Test func theDateHeaderCanBeWhatMakesAMessageOld() async throws {
        let settings = ArchiveSettings(rule: .init(olderThanDays: 30, ageBy: .dateHeader))
        var test = try await ArchiverTestAccount.make(archive: settings)
        test.configuration.accounts[0].archive.folders = [test.prefix]
        // Received yesterday, written in 2019 (a late delivery, an import); and the other way round.
        let writtenLongAgo = Array(
            String(decoding: ArchiverTestAccount.message("ecrit-en-2019"), as: UTF8.self).replacingOccurrences(
                of: "Date: Thu, 26 Nov 2026 18:15:28 +0100", with: "Date: Mon, 4 Mar 2019 09:00:00 +0100"
            ).utf8)
        let writtenToday = Array(
            String(decoding: ArchiverTestAccount.message("ecrit-aujourd-hui"), as: UTF8.self).replacingOccurrences(
                of: "Date: Thu, 26 Nov 2026 18:15:28 +0100",
                with: "Date: " + Self.rfc5322(Date())
            )
            .utf8)
        try await test.append(writtenLongAgo, to: test.prefix, daysAgo: 1)
        try await test.append(writtenToday, to: test.prefix, daysAgo: 2_000)

        let connection = try await test.archiver.connect()
        let report = try await test.archiver.run(on: connection)
        await connection.logout()
        #expect(report.expunged == 1)
        #expect(try await test.messages(in: test.prefix) == [writtenToday])
        #expect(try test.archived().map(\.bytes) == [writtenLongAgo])
        await test.finish()
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}

/// A folder deleted and made again between the plan and the run has a new UIDVALIDITY: its UIDs name other
/// messages, so the run leaves it alone.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct UIDValidityChangeTests {
    @Test func aFolderWhoseUIDVALIDITYChangedSinceThePlanIsLeftAlone() async throws {
        var test = try await ArchiverTestAccount.make(archive: ArchiveSettings(rule: .init(olderThanDays: 30)))
        test.configuration.accounts[0].archive.folders = [test.prefix]
        try await test.append(ArchiverTestAccount.message("avant"), to: test.prefix, daysAgo: 60)
        let connection = try await test.archiver.connect()
        let plan = try await test.archiver.plan(on: connection)
        #expect(plan.messageCount == 1)

        try await test.connection.execute(.delete(MailboxName(test.prefix)))
        let newcomer = ArchiverTestAccount.message("apres")
        try await test.append(newcomer, to: test.prefix, daysAgo: 60)
        let runner = try ArchiveRunner(
            account: test.user, storeDirectory: test.storeDirectory, fetchBudget: 1 << 20,
            options: test.archiver.options)
        let report = try await runner.run(plan, on: connection)
        await connection.logout()
        #expect(report.folders.first?.note?.contains("UIDVALIDITY changed") == true)
        #expect(report.archived == 0 && report.expunged == 0)
        #expect(try await test.messages(in: test.prefix) == [newcomer])
        await test.finish()
    }
}
