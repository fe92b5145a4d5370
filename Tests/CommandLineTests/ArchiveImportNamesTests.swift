import Foundation
import Glibc
import TestSupport
import Testing

/// File names chosen by a hostile user, as `mailsift archive import` reports them to the administrator.
@Suite struct ArchiveImportNamesTests {
    @Test func aNameWithControlCharactersCannotForgeALineOrDriveTheTerminal() throws {
        let temporary = TemporaryFolder("import-names")
        defer { temporary.remove() }
        let folder = temporary.path
        try FileManager.default.createDirectory(atPath: folder + "/mail", withIntermediateDirectories: true)
        let message = "From: a@example.org\nSubject: bonjour\n\nCorps du message.\n"
        FileManager.default.createFile(atPath: folder + "/mail/a.eml", contents: Data(message.utf8))
        // A link (skipped, so named in the report) whose name holds a newline, a forged line and an escape.
        let hostile = "x\nerror: all mail imported, nothing to see\u{1B}[2J"
        #expect(symlink("/etc/passwd", folder + "/mail/" + hostile) == 0)

        let result = try MailsiftProcess.run([
            "archive", "import", "--archive", folder + "/archive", "--level", "1", folder + "/mail",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("error: all mail imported") }, "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "\(result.stderr)")
        let escaped = "x\\nerror: all mail imported, nothing to see\\e[2J"
        #expect(result.stderr.contains("skipped: \(folder)/mail/\(escaped): "), "\(result.stderr)")
    }
}
