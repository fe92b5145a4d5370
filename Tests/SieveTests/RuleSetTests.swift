import Foundation
import MailMessage
import Testing

@testable import Sieve

/// `RuleSet`: a folder of rule scripts loaded as the daemon, `mailsift test` and `mailsift check` see it.
@Suite struct RuleSetTests {
    let message = Message(Array("From: a@x.fr\nSubject: Réunion de rentrée\n\nBonjour\n".utf8))

    /// A temporary folder with the given files (paths relative to it); removed by the returned closure.
    private func folder(_ files: [String: String]) throws -> (path: String, cleanup: () -> Void) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailsift-ruleset-\(UUID().uuidString)")
        for (name, text) in files {
            let url = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return (base.path, { try? FileManager.default.removeItem(at: base) })
    }

    @Test func scriptsRunInNameOrderAndOnlySieveFilesCount() throws {
        let (path, cleanup) = try folder([
            "20-b.sieve": #"require ["fileinto", "copy"]; fileinto :copy "B";"#,
            "10-a.sieve": #"require ["fileinto", "copy"]; fileinto :copy "A";"#,
            "9-c.sieve": #"require ["fileinto", "copy"]; fileinto :copy "C";"#,
            ".20-hidden.sieve": "frobnicate;",
            "notes.txt": "frobnicate;",
            "global/site.sieve": "frobnicate;",
        ])
        defer { cleanup() }
        let rules = RuleSet.load([RuleFolder(path: path)])
        #expect(rules.scripts.map(\.path) == ["10-a.sieve", "20-b.sieve", "9-c.sieve"].map { path + "/" + $0 })
        #expect(rules.reports.map(\.path) == rules.scripts.map(\.path))
        #expect(rules.isComplete && rules.errorLines.isEmpty)
        #expect(
            rules.run(SieveInput(message: message)).outcome.actions.map(\.mailbox) == ["A", "B", "C"])
    }

    @Test func foldersRunInTheOrderGiven() throws {
        let (admin, cleanupAdmin) = try folder(["50-spam.sieve": #"require "fileinto"; fileinto "Junk"; stop;"#])
        defer { cleanupAdmin() }
        let (user, cleanupUser) = try folder(["10-mine.sieve": #"require "fileinto"; fileinto "Travail";"#])
        defer { cleanupUser() }
        let rules = RuleSet.load([RuleFolder(path: admin), RuleFolder(path: user)])
        #expect(rules.scripts.map(\.path) == [admin + "/50-spam.sieve", user + "/10-mine.sieve"])
        #expect(rules.run(SieveInput(message: message)).outcome.actions.map(\.mailbox) == ["Junk"])
    }

    @Test func includesReadTheFolderAndItsGlobalFolder() throws {
        let (path, cleanup) = try folder([
            "10-main.sieve": #"require ["include", "fileinto", "copy"]; include "lib"; include :global "site";"#,
            "lib.sieve": #"require ["fileinto", "copy"]; fileinto :copy "Personal";"#,
            "global/site.sieve": #"require ["fileinto", "copy"]; fileinto :copy "Global";"#,
            "elsewhere/site.sieve": #"require ["fileinto", "copy"]; fileinto :copy "Elsewhere";"#,
        ])
        defer { cleanup() }
        let rules = RuleSet.load([RuleFolder(path: path)])
        // lib.sieve is also a script of the folder, so it runs on its own too (merged: one store).
        #expect(rules.scripts.map(\.path) == [path + "/10-main.sieve", path + "/lib.sieve"])
        let actions = rules.run(SieveInput(message: message)).outcome.actions.map(\.mailbox)
        #expect(actions == ["Personal", "Global"])
        let moved = RuleSet.load([RuleFolder(path: path, globalPath: path + "/elsewhere")])
        #expect(moved.run(SieveInput(message: message)).outcome.actions.map(\.mailbox) == ["Personal", "Elsewhere"])
    }

    @Test func aBrokenFileMakesTheSetIncompleteAndSaysWhere() throws {
        let (path, cleanup) = try folder([
            "10-ok.sieve": #"require "fileinto"; fileinto "Travail";"#,
            "20-broken.sieve": "require \"fileinto\";\nfrobnicate;\n",
        ])
        defer { cleanup() }
        let rules = RuleSet.load([RuleFolder(path: path)])
        #expect(!rules.isComplete)
        #expect(rules.errorLines == ["\(path)/20-broken.sieve:2:1: error: unknown command 'frobnicate'"])
        #expect(rules.scripts.map(\.path) == [path + "/10-ok.sieve"])
        #expect(rules.reports.map(\.hasErrors) == [false, true])
    }

    @Test func filesThatMayNotBeReadAreReportedNotRead() throws {
        let (outside, cleanupOutside) = try folder(["secret": "SECRET-7f3a root:x:0:0"])
        defer { cleanupOutside() }
        let (path, cleanup) = try folder(["10-ok.sieve": "keep;"])
        defer { cleanup() }
        #expect(mkfifo(path + "/20-fifo.sieve", 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: path + "/30-link.sieve", withDestinationPath: outside + "/secret")
        let rules = RuleSet.load([RuleFolder(path: path)])
        #expect(!rules.isComplete)
        #expect(
            rules.errorLines == [
                "\(path)/20-fifo.sieve: error: is a FIFO, not a regular file: it is skipped",
                "\(path)/30-link.sieve: error: is a symbolic link that leads out of its folder: it is not followed",
            ])
        #expect(!rules.errorLines.joined().contains("SECRET"))
        #expect(rules.scripts.map(\.path) == [path + "/10-ok.sieve"])
    }

    @Test func aMissingFolderIsAnEmptySet() {
        let rules = RuleSet.load([RuleFolder(path: "/nonexistent/mailsift-\(UUID().uuidString)")])
        #expect(rules.scripts.isEmpty && rules.reports.isEmpty && rules.isComplete)
        #expect(rules.fingerprint == RuleSet.load([]).fingerprint)
        let outcome = rules.run(SieveInput(message: message))
        #expect(outcome.outcome.actions.isEmpty && outcome.outcome.implicitKeep == [])
    }

    @Test func aFileNamedAloneThatDoesNotExistIsReported() {
        let rules = RuleSet.load(files: ["/nonexistent/x.sieve"])
        #expect(rules.errorLines == ["/nonexistent/x.sieve: error: cannot be read: it does not exist"])
    }

    @Test func aFolderWithTooManyScriptsIsRefusedWhole() throws {
        let (path, cleanup) = try folder(["a.sieve": "keep;", "b.sieve": "keep;", "c.sieve": "keep;"])
        defer { cleanup() }
        var limits = SieveLimits()
        limits.maxRuleFiles = 2
        let rules = RuleSet.load([RuleFolder(path: path)], limits: limits)
        #expect(rules.scripts.isEmpty && !rules.isComplete)
        #expect(rules.errorLines == ["\(path): error: holds more than 2 .sieve files, the limit: none of them runs"])
        #expect(RuleSet.load([RuleFolder(path: path)]).scripts.count == 3)
    }

    @Test func needsAreTheUnionOverScripts() throws {
        let (path, cleanup) = try folder([
            "10-subject.sieve": #"if header :contains "subject" "x" { keep; }"#,
            "20-size.sieve": "if size :over 100K { keep; }",
            "30-list.sieve": #"require "include"; include "lib";"#,
            "lib.sieve": #"if exists "list-id" { keep; }"#,
        ])
        defer { cleanup() }
        let needs = RuleSet.load([RuleFolder(path: path)]).needs
        #expect(needs.headerFields == ["subject", "list-id"])
        #expect(needs.size && !needs.body && !needs.allHeaders)
    }

    @Test func theFingerprintChangesWithAnyByteReadIncludingIncludes() throws {
        let (path, cleanup) = try folder([
            "10-main.sieve": #"require ["include", "fileinto"]; include :global "site"; fileinto "A";"#,
            "global/site.sieve": "keep;",
        ])
        defer { cleanup() }
        let first = RuleSet.load([RuleFolder(path: path)]).fingerprint
        #expect(first.count == 64)
        #expect(RuleSet.load([RuleFolder(path: path)]).fingerprint == first)
        try Data(#"require ["include", "fileinto"]; include :global "site"; fileinto "B";"#.utf8).write(
            to: URL(fileURLWithPath: path + "/10-main.sieve"))
        let second = RuleSet.load([RuleFolder(path: path)]).fingerprint
        #expect(second != first)
        try Data("stop;".utf8).write(to: URL(fileURLWithPath: path + "/global/site.sieve"))
        #expect(RuleSet.load([RuleFolder(path: path)]).fingerprint != second)
    }

    @Test func aRuntimeErrorNamesItsFile() throws {
        let (path, cleanup) = try folder([
            "10-ok.sieve": #"require "fileinto"; fileinto "Travail";"#,
            "20-loud.sieve": (1...5).map { #"redirect "r\#($0)@x.fr";"# }.joined(separator: " "),
        ])
        defer { cleanup() }
        let outcome = RuleSet.load([RuleFolder(path: path)]).run(SieveInput(message: message))
        #expect(outcome.errors.map(\.path) == [path + "/20-loud.sieve"])
        #expect(outcome.errors.first?.description.hasPrefix("\(path)/20-loud.sieve: runtime error: ") == true)
        #expect(outcome.outcome.actions.map(\.mailbox) == ["Travail"])
    }
}

extension SieveAction {
    /// The mailbox of a fileinto (or INBOX for a keep), for short expectations.
    fileprivate var mailbox: String? {
        switch self {
        case .fileinto(let mailbox, _, _, _): mailbox
        case .keep: "INBOX"
        default: nil
        }
    }
}
