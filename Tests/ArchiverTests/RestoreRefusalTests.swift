import Archive
import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

@testable import Archiver

/// Refusals a restore meets, played by the scripted server: each costs only its messages, each is reported with
/// the server's answer, and the restore goes on to the next folder.
@Suite struct RestoreRefusalTests {
    @Test func aReadOnlyFolderAndAFolderThatCannotBeCreatedAreReportedAndTheRestGoesOn() async throws {
        let folder = TemporaryFolder("restore-refusal")
        defer { folder.remove() }
        let archive = folder.path + "/archive"
        do {
            let store = try ArchiveStore(directory: archive, mode: .readWrite)
            _ = try store.archive(
                ["Lecture", "Neuf"].map { name in
                    IncomingMessage(
                        bytes: Array("Subject: \(name)\r\nMessage-ID: <\(name)@example.fr>\r\n\r\nTexte\r\n".utf8),
                        origin: ArchiveOrigin(
                            account: "jeanne", folder: name, flags: ["\\Seen", "\\Recent", "\\Deleted"],
                            internalDate: 1_551_690_000))
                })
        }
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 MULTIAPPEND LITERAL+] ready\r\n"),
            .expectLine(prefix: "M1 LIST"),
            .send("* LIST () \"/\" INBOX\r\n* LIST () \"/\" Lecture\r\nM1 OK listed\r\n"),
            .expectLine(prefix: "M2 EXAMINE Lecture"),
            .send("* 0 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 1] n\r\nM2 OK [READ-ONLY] examined\r\n"),
            // The flags and date the archive kept (\Recent and \Deleted are not set again).
            .expectLine(prefix: "M3 APPEND Lecture (\\Seen) \"04-Mar-2019 09:00:00 +0000\" {"),
            .send("M3 NO [READ-ONLY] Mailbox is read-only\r\n"),
            .expectLine(prefix: "M4 CREATE Neuf"), .send("M4 NO [NOPERM] Permission denied\r\n"),
        ])
        let connection = try await server.connect()
        let restorer = try ArchiveRestorer(account: "jeanne", storeDirectory: archive)
        let report = try await restorer.restore(try await restorer.candidates(matching: nil), on: connection)
        await connection.close()
        await server.finished()

        #expect(report.failed == 2 && report.restored == 0)
        let readOnly = try #require(report.folders.first { $0.folder == "Lecture" })
        #expect(readOnly.messages.first?.reason == "refused by the server: NO [READ-ONLY] Mailbox is read-only")
        let missing = try #require(report.folders.first { $0.folder == "Neuf" })
        #expect(missing.note == "the folder does not exist and cannot be created: NO [NOPERM] Permission denied")
        #expect(!missing.created && missing.failed == 1)
    }

    @Test func anIMAPDateTimeIsTheSameInstantInUTC() {
        #expect(RestoreAppend.imapDateTime(1_551_690_000) == "04-Mar-2019 09:00:00 +0000")
        #expect(RestoreAppend.imapDateTime(0) == "01-Jan-1970 00:00:00 +0000")
        #expect(RestoreAppend.imapDateTime(-1) == "31-Dec-1969 23:59:59 +0000")
        #expect(RestoreAppend.imapDateTime(951_782_400) == "29-Feb-2000 00:00:00 +0000")
        #expect(RestoreAppend.imapDateTime(Int64.max / 2) == nil)
    }

    @Test func bareLineFeedsBecomeCRLFAndCRLFMessagesAreSentAsTheyAre() {
        let crlf = Array("A: b\r\n\r\nc\r\n".utf8)
        #expect(RestoreAppend.crlf(crlf) == crlf)
        #expect(RestoreAppend.crlf(Array("A: b\n\nc\r\nd\n".utf8)) == Array("A: b\r\n\r\nc\r\nd\r\n".utf8))
    }
}
