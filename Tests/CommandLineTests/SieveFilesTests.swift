import Foundation
import Testing

/// Rule folders belong to users and may be read as root: `check`, `test` and includes read regular files
/// inside the folder only, and nothing in it can make them hang.
@Suite struct SieveFilesTests {
    static let secret = "SECRET-root-only-7f3a"

    /// A rule folder and, beside it, a file outside it that holds a secret the link must not reveal.
    private func makeFolders() throws -> (rules: String, outside: String, cleanup: () -> Void) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("mailsift-rules-\(UUID().uuidString)")
        let rules = base.appendingPathComponent("rules")
        let outside = base.appendingPathComponent("private")
        try FileManager.default.createDirectory(
            at: rules.appendingPathComponent("global"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        // Not Sieve, so a compiler that read it would quote it in its first error.
        try Data("\(Self.secret) root:x:0:0\n".utf8).write(to: outside.appendingPathComponent("shadow"))
        try Data("require \"fileinto\";\nfileinto \"Travail\";\n".utf8).write(
            to: rules.appendingPathComponent("10-ok.sieve"))
        return (rules.path, outside.path, { try? FileManager.default.removeItem(at: base) })
    }

    @Test func checkRefusesALinkOutOfTheFolderWithoutReadingIt() throws {
        let (rules, outside, cleanup) = try makeFolders()
        defer { cleanup() }
        let link = rules + "/20-link.sieve"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside + "/shadow")
        let result = try MailsiftProcess.run(["check", rules], timeout: 60)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "\(link): error: is a symbolic link that leads out of its folder: it is not followed"))
        #expect(result.stdout.contains("10-ok.sieve: ok"))
        #expect(!(result.stdout + result.stderr).contains(Self.secret))
        // Named on the command line (as a shell glob would), the same.
        let named = try MailsiftProcess.run(["check", link], timeout: 60)
        #expect(named.status == 1 && !(named.stdout + named.stderr).contains(Self.secret))
        let test = try MailsiftProcess.run(["test", rules, "samples/bienvenue.eml"], timeout: 60)
        #expect(test.status != 0)
        #expect(test.stderr.contains("leads out of its folder"), "\(test.stdout)\(test.stderr)")
        #expect(!(test.stdout + test.stderr).contains(Self.secret))
    }

    @Test func aLinkWithinTheFolderIsFollowed() throws {
        let (rules, _, cleanup) = try makeFolders()
        defer { cleanup() }
        try FileManager.default.createSymbolicLink(atPath: rules + "/20-same.sieve", withDestinationPath: "10-ok.sieve")
        let result = try MailsiftProcess.run(["check", rules], timeout: 60)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("20-same.sieve: ok"))
    }

    @Test func includesDoNotFollowLinksOutOfTheirFolder() throws {
        let (rules, outside, cleanup) = try makeFolders()
        defer { cleanup() }
        try FileManager.default.createSymbolicLink(
            atPath: rules + "/lib.sieve", withDestinationPath: outside + "/shadow")
        try FileManager.default.createSymbolicLink(
            atPath: rules + "/global/site.sieve", withDestinationPath: outside + "/shadow")
        let main = rules + "/30-main.sieve"
        try Data("require \"include\";\ninclude :optional \"lib\";\ninclude :global \"site\";\n".utf8).write(
            to: URL(fileURLWithPath: main))
        let result = try MailsiftProcess.run(["check", main], timeout: 60)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "\(main):2:19: error: included personal script 'lib' is a symbolic link that leads out of its folder"),
            "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "\(main):3:17: error: included global script 'site' is a symbolic link that leads out of its folder"))
        #expect(!(result.stdout + result.stderr).contains(Self.secret))
    }

    @Test func entriesThatAreNotFilesAreRefusedWithoutBlocking() throws {
        let (rules, _, cleanup) = try makeFolders()
        defer { cleanup() }
        #expect(mkfifo(rules + "/20-fifo.sieve", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: rules + "/30-folder.sieve", withIntermediateDirectories: false)
        let result = try MailsiftProcess.run(["check", rules], timeout: 60)
        #expect(!result.wasKilled, "check hung on the FIFO")
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("20-fifo.sieve: error: is a FIFO, not a regular file: it is skipped"),
            "\(result.stdout)")
        #expect(result.stdout.contains("30-folder.sieve: error: is a folder, not a regular file: it is skipped"))
        #expect(result.stdout.contains("10-ok.sieve: ok"))
        // An include that is a FIFO is refused too, without waiting for a writer.
        try FileManager.default.removeItem(atPath: rules + "/30-folder.sieve")
        #expect(mkfifo(rules + "/lib.sieve", 0o600) == 0)
        let main = rules + "/40-main.sieve"
        try Data("require \"include\";\ninclude \"lib\";\n".utf8).write(to: URL(fileURLWithPath: main))
        let include = try MailsiftProcess.run(["test", main, "samples/bienvenue.eml"], timeout: 60)
        #expect(!include.wasKilled, "test hung on the FIFO include")
        #expect(
            include.stdout.contains("included personal script 'lib' is a FIFO, not a regular file"), "\(include.stdout)"
        )
    }
}
