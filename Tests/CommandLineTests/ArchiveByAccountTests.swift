import Foundation
import TestSupport
import Testing

/// `archive search|show|export|stats|verify --config FILE --account A`: an account's archive found from the
/// daemon's configuration, as an administrator asks for it.
@Suite struct ArchiveByAccountTests {
    @Test func anAccountsArchiveIsFoundFromTheConfiguration() throws {
        let folder = TemporaryFolder("archive-account")
        defer { folder.remove() }
        _ = folder.write(
            "in/rectorat.eml",
            """
            From: Rectorat <dsi@ac-exemple.fr>
            To: jeanne@college-exemple.fr
            Subject: Calendrier des examens
            Date: Tue, 3 Jun 2025 10:00:00 +0200
            Message-ID: <calendrier@ac-exemple.fr>

            Le calendrier des examens de juin est en pièce jointe.

            """)
        let configuration = folder.write(
            "mailsift.toml",
            """
            state_dir = "state"
            user_rules = "users"

            [[account]]
            name = "jeanne"
            host = "imap.example.org"
            username = "jeanne"
            password_file = "nowhere"
            """)
        // The daemon's archiver puts Jeanne's archive at <state_dir>/archive/jeanne.
        let imported = try MailsiftProcess.run(
            ["archive", "import", "--archive", folder.path + "/state/archive/jeanne", folder.path + "/in"], timeout: 60)
        #expect(imported.status == 0, "\(imported.stderr)")

        let found = try MailsiftProcess.run(
            [
                "archive", "search", "--config", configuration, "--account", "jeanne", "calendrier", "--from",
                "rectorat",
            ],
            timeout: 60)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("Calendrier des examens"))
        let stats = try MailsiftProcess.run(
            ["archive", "stats", "--config", configuration, "--account", "jeanne", "--json"], timeout: 60)
        #expect(stats.stdout.contains("\"messages\" : 1"), "\(stats.stdout)")
        let verify = try MailsiftProcess.run(
            ["archive", "verify", "--config", configuration, "--account", "jeanne"], timeout: 60)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")

        let nobody = try MailsiftProcess.run(
            ["archive", "stats", "--config", configuration, "--account", "paul"], timeout: 60)
        #expect(nobody.status != 0)
        #expect(nobody.stderr.contains("no account named paul"))
        let both = try MailsiftProcess.run(
            ["archive", "stats", "--archive", "/tmp", "--config", configuration, "--account", "jeanne"], timeout: 60)
        #expect(both.stderr.contains("name the archive once"))
        let half = try MailsiftProcess.run(["archive", "stats", "--config", configuration], timeout: 60)
        #expect(half.stderr.contains("--config needs --account NAME"))
    }
}
