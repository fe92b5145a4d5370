import Foundation
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// The archive keys of the configuration: read into settings, resolved per account and folder, and every mistake
/// reported as `file:line: key: message`.
struct ArchiveSettingsTests {
    static func load(_ text: String, accounts: [String: String] = [:]) -> (ConfigurationReport, String) {
        let folder = TemporaryFolder("archive-settings")
        let file = folder.write("mailsift.toml", text)
        return (DaemonConfiguration.load(file: file, options: .init(checkFiles: false)), file)
    }

    static let head = """
        state_dir = "/var/lib/mailsift"
        user_rules = "/var/lib/mailsift/rules"

        """

    static let account = """
        [[account]]
        name = "jeanne"
        host = "imap.example.org"
        username = "jeanne"
        password_file = "/etc/mailsift/secrets/jeanne"

        """

    @Test func defaultsPerAccountValuesAndFolderPatternsAreResolved() throws {
        let (report, _) = Self.load(
            Self.head + """
                [archive]
                older_than_days = 365
                keep_unread = false
                exclude_folders = ["Drafts", "Trash", "Junk", "Sent"]
                quota_start_percent = 90
                quota_target_percent = 75

                [archive.rules."Listes/*"]
                older_than_days = 30
                keep_flagged = false

                [archive.rules."Listes/Direction"]
                archive = false

                """ + Self.account + """
                    archive.older_than_days = 180
                    archive.age_by = "date_header"
                    archive.rules."Projets/%".keep_unread = true

                    [[account]]
                    name = "paul"
                    host = "imap.example.org"
                    username = "paul"
                    password_file = "/etc/mailsift/secrets/paul"
                    archive = { enabled = false }
                    """)
        #expect(report.errors.isEmpty, "\(report.errors)")
        let configuration = try report.validConfiguration()
        let jeanne = AccountArchivePolicy(configuration, account: configuration.accounts[0])
        #expect(jeanne.quota == .init(startPercent: 90, targetPercent: 75))
        #expect(jeanne.policy(for: "INBOX") == FolderPolicy(olderThanDays: 180, ageBy: .dateHeader, keepUnread: false))
        #expect(jeanne.policy(for: "Sent") == nil)
        #expect(jeanne.policy(for: "Listes/Direction") == nil)
        #expect(
            jeanne.policy(for: "Listes/Parents")
                == FolderPolicy(olderThanDays: 30, ageBy: .dateHeader, keepFlagged: false, keepUnread: false))
        #expect(jeanne.policy(for: "Projets/2025")?.keepUnread == true)
        #expect(jeanne.policy(for: "Projets/2025/Sorties")?.keepUnread == false)
        let paul = AccountArchivePolicy(configuration, account: configuration.accounts[1])
        #expect(!paul.enabled && paul.policy(for: "INBOX") == nil)
    }

    @Test func mistakesAreReportedWithTheirLineAndKey() {
        let (report, file) = Self.load(
            Self.head + """
                [archive]
                older_than_days = 0
                keep_flaged = true
                quota_start_percent = 80
                quota_target_percent = 85

                [archive.rules."Sent"]
                older_than_day = 30

                """ + Self.account + """
                    archive.age_by = "arrival"
                    """)
        let lines = report.errors.map(\.description)
        #expect(
            lines == [
                "\(file):4: archive.older_than_days: must be between 1 and 36500 (days), not 0",
                "\(file):5: archive.keep_flaged: unknown key; did you mean keep_flagged?",
                "\(file):7: archive.quota_target_percent: must be below quota_start_percent (80): archiving starts "
                    + "past the start and stops under the target",
                "\(file):10: archive.rules.Sent.older_than_day: unknown key; did you mean older_than_days?",
                "\(file):16: archive.age_by: must be one of internal_date, date_header, not \"arrival\"",
            ], "\(lines.joined(separator: "\n"))")
    }

    @Test func theExampleDocumentsEveryArchiveKey() throws {
        let text = try String(contentsOfFile: Repository.path("mailsift.example.toml"), encoding: .utf8)
        for key in ArchiveSettingsReader.keys + ArchiveSettingsReader.ruleKeys + ArchiveSettingsReader.scheduleKeys {
            #expect(text.contains("\(key) = "), "\(key)")
        }
        let report = DaemonConfiguration.load(
            file: Repository.path("mailsift.example.toml"), options: .init(checkFiles: false))
        #expect(report.errors.isEmpty, "\(report.errors)")
        let configuration = try report.validConfiguration()
        #expect(configuration.archive.rule.olderThanDays != nil)
    }

    @Test func theScheduleIsReadFromTheArchiveTableOnly() throws {
        let (report, _) = Self.load(
            Self.head + """
                [archive]
                schedule = "daily 02:30"
                spread_minutes = 90

                """ + Self.account)
        let configuration = try report.validConfiguration()
        #expect(configuration.archive.schedule == ArchiveSchedule(.daily(minuteOfDay: 150), spreadSeconds: 5_400))
        #expect(configuration.archive.schedule?.description == "daily at 02:30, accounts spread over 90 min")

        // An interval shorter than the spread: the spread is cut to the interval (one run per slot and account).
        let (every, _) = Self.load(Self.head + "[archive]\nschedule = \"every 30m\"\n" + Self.account)
        #expect(
            try every.validConfiguration().archive.schedule
                == ArchiveSchedule(.every(seconds: 1_800), spreadSeconds: 1_800))
        // None written: the daemon archives nothing by itself.
        let (none, _) = Self.load(Self.head + Self.account)
        #expect(try none.validConfiguration().archive.schedule == nil)
    }

    @Test func aWrongScheduleIsReportedWithItsLine() {
        for (text, message) in [
            ("\"at night\"", "\"at night\": write \"daily 02:30\" or \"every 6h\""),
            ("\"daily 2:30\"", "\"daily 2:30\": 2:30 is not a time of day: write it HH:MM, e.g. 02:30"),
            ("\"daily 24:00\"", "\"daily 24:00\": 24:00 is not a time of day: write it HH:MM, e.g. 02:30"),
            ("\"every 6\"", "\"every 6\": 6 is not an interval: write a number and m, h or d, e.g. 6h"),
            ("\"every 1m\"", "\"every 1m\": every 1m is too often: at least every 5m"),
            ("\"every 99999d\"", "\"every 99999d\": 99999d is not an interval: write a number and m, h or d, e.g. 6h"),
        ] {
            let (report, file) = Self.load(Self.head + "[archive]\nschedule = \(text)\n" + Self.account)
            #expect(report.errors.map(\.description) == ["\(file):4: archive.schedule: \(message)"])
        }
        let (report, file) = Self.load(Self.head + Self.account + "archive.schedule = \"daily 02:30\"\n")
        #expect(
            report.errors.map(\.description) == [
                "\(file):8: archive.schedule: the archiving schedule is the same for every account: write "
                    + "schedule in [archive]"
            ])
    }

    @Test func folderPatterns() {
        #expect(FolderPattern("*").matches("Listes/Parents/2025"))
        #expect(FolderPattern("Listes/%").matches("Listes/Parents"))
        #expect(!FolderPattern("Listes/%").matches("Listes/Parents/2025"))
        #expect(FolderPattern("inbox").matches("INBOX"))
        #expect(FolderPattern("INBOX/*").matches("inbox/Projets"))
        #expect(!FolderPattern("Inboxes").matches("INBOXES"))
        #expect(FolderPattern("Sent?").matches("Sent2") && !FolderPattern("Sent?").matches("Sent"))
        #expect(FolderPattern("*a*a*a*a*a*a*b").matches(String(repeating: "a", count: 900) + "b"))
        #expect(!FolderPattern("*a*a*a*a*a*a*b").matches(String(repeating: "a", count: 900)))
    }
}
