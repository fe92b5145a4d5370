import Foundation
import TestSupport
import Testing

/// `mailsift archive rebuild-catalogue`, and what import and verify say before it, as a user sees them.
@Suite struct ArchiveRebuildCatalogueCommandTests {
    /// The messages numbered `numbers`, one .eml file each.
    private func writeMessages(_ folder: String, _ numbers: ClosedRange<Int>) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for number in numbers {
            let text = """
                From: Direction <direction@ecoles.example.fr>
                To: prof\(number)@ecoles.example.fr
                Subject: Sortie scolaire \(number)
                Date: Tue, 3 Jun 2025 10:\(10 + number % 50):00 +0200
                Message-ID: <\(number).sortie@ecoles.example.fr>

                Autorisation de sortie pour la classe \(number) : musée, pique-nique, retour à 16 h.

                """
            _ = FileManager.default.createFile(atPath: folder + "/\(number).eml", contents: Data(text.utf8))
        }
    }

    @Test func aDeletedCatalogueIsRefusedReportedAndRebuilt() throws {
        let temporary = TemporaryFolder("rebuild-cli")
        defer { temporary.remove() }
        let root = temporary.path
        let archive = root + "/archive"
        try writeMessages(root + "/in", 1...60)
        try writeMessages(root + "/more", 61...61)
        let imported = try MailsiftProcess.run([
            "archive", "import", "--archive", archive, "--level", "3", "--block-size", "2048", root + "/in",
        ])
        #expect(imported.status == 0 && imported.stdout.hasPrefix("60 messages added"), "\(imported.stderr)")
        let segment = archive + "/segments/000001.seg"
        let segmentBefore = FileManager.default.contents(atPath: segment)
        try FileManager.default.removeItem(atPath: archive + "/catalogue.sqlite")

        let refused = try MailsiftProcess.run(["archive", "import", "--archive", archive, root + "/more"])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(
            refused.stderr.contains("error: the catalogue of \(archive) is out of step with its segments"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("(60 messages)") && refused.stderr.contains("catalogue.sqlite is missing"))
        #expect(refused.stderr.contains("mailsift archive rebuild-catalogue --archive \(archive)"))
        #expect(FileManager.default.contents(atPath: segment) == segmentBefore)

        let verify = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        #expect(verify.status == 1 && !verify.stdout.contains("all intact"))
        #expect(verify.stderr.contains("catalogue.sqlite is missing") && verify.stderr.contains("rebuild-catalogue"))

        let rebuilt = try MailsiftProcess.run(["archive", "rebuild-catalogue", "--archive", archive])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.hasPrefix("60 messages (60 distinct contents) recorded from "), "\(rebuilt.stdout)")
        #expect(
            rebuilt.stdout.contains(
                "0 with their folder, flags and dates from the old catalogue, 60 without (in folder Recovered)"))
        #expect(rebuilt.stdout.contains("there was no old catalogue"))

        let search = try MailsiftProcess.run(["archive", "search", "--archive", archive, "musee", "--limit", "100"])
        #expect(search.stdout.split(separator: "\n").count == 60)
        let verified = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        #expect(
            verified.status == 0 && verified.stdout.contains("60 messages checked: all intact"), "\(verified.stdout)")
        let again = try MailsiftProcess.run(["archive", "import", "--archive", archive, root + "/more"])
        #expect(again.status == 0 && again.stdout.hasPrefix("1 messages added"), "\(again.stderr)")

        // A second rebuild keeps the first rebuilt catalogue as its backup, and the folder it gave.
        let second = try MailsiftProcess.run(["archive", "rebuild-catalogue", "--archive", archive])
        #expect(second.status == 0)
        #expect(
            second.stdout.contains("61 with their folder, flags and dates from the old catalogue, 0 without"),
            "\(second.stdout)")
        #expect(second.stdout.contains("old catalogue kept as \(archive)/catalogue.sqlite.bak-"))
    }

    /// Killed before the rebuilt catalogue is in place, the old one still serves, whole; a second rebuild ends
    /// the job (the half-done files of the first do not stand in its way).
    @Test(arguments: ["rebuild-written", "rebuild-backed-up"])
    func aKilledRebuildLeavesTheOldCatalogueInPlace(fault: String) throws {
        let temporary = TemporaryFolder("rebuild-cli")
        defer { temporary.remove() }
        let root = temporary.path
        let archive = root + "/archive"
        try writeMessages(root + "/in", 1...30)
        try writeMessages(root + "/more", 31...31)
        let imported = try MailsiftProcess.run([
            "archive", "import", "--archive", archive, "--level", "3", root + "/in",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")

        let killed = try MailsiftProcess.run(
            ["archive", "rebuild-catalogue", "--archive", archive], environment: ["MAILSIFT_ARCHIVE_FAULT": fault])
        #expect(killed.wasKilled && killed.status == SIGKILL)
        let search = try MailsiftProcess.run([
            "archive", "search", "--archive", archive, "--folder", "in", "--limit", "100",
        ])
        #expect(search.stdout.split(separator: "\n").count == 30, "\(search.stderr)")
        let verify = try MailsiftProcess.run(["archive", "verify", "--archive", archive])
        #expect(verify.status == 0 && verify.stdout.contains("30 messages checked: all intact"), "\(verify.stdout)")
        let more = try MailsiftProcess.run(["archive", "import", "--archive", archive, root + "/more"])
        #expect(more.status == 0 && more.stdout.hasPrefix("1 messages added"), "\(more.stderr)")

        let rebuilt = try MailsiftProcess.run(["archive", "rebuild-catalogue", "--archive", archive])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("31 with their folder, flags and dates from the old catalogue, 0 without"))
        let after = try MailsiftProcess.run([
            "archive", "search", "--archive", archive, "--folder", "in", "--limit", "100",
        ])
        #expect(after.stdout.split(separator: "\n").count == 30)
    }

    @Test func aMissingArchiveIsAClearError() throws {
        let temporary = TemporaryFolder("rebuild-cli")
        defer { temporary.remove() }
        let root = temporary.path
        let result = try MailsiftProcess.run(["archive", "rebuild-catalogue", "--archive", root + "/nowhere"])
        #expect(result.status == 1 && result.stderr.contains("no archive at \(root)/nowhere"))
    }
}
