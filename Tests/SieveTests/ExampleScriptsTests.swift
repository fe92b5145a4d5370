import Foundation
import MailMessage
import Sieve
import TestSupport
import Testing

/// Every script in rules/examples compiles, and does what its comment says on messages it should and
/// should not touch.
@Suite struct ExampleScriptsTests {
    static let folder = Repository.root.appendingPathComponent("rules/examples")

    private func run(_ file: String, _ message: String, now: String = "2026-11-26T12:00:00Z") throws -> SieveOutcome {
        let source = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let compiled = SieveCompiler.compile(source)
        let script = try #require(compiled.script, "\(file): \(compiled.diagnostics)")
        let seconds = Int64(ISO8601DateFormatter().date(from: now)!.timeIntervalSince1970)
        return Interpreter.run(script, input: SieveInput(message: Message(Array(message.utf8)), now: seconds))
    }

    private static func mail(_ headers: String, body: String = "Bonjour\n") -> String { headers + "\n\n" + body }

    @Test func everyExampleCompilesWithoutWarnings() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".sieve")
        }
        #expect(files.count >= 5)
        for file in files {
            let result = SieveCompiler.compile([UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(file))))
            #expect(result.diagnostics.isEmpty, "\(file): \(result.diagnostics)")
        }
    }

    @Test func phishingThatImpersonatesTheITService() throws {
        let sample = try String(
            contentsOf: Self.folder.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("samples/demo/03-hameconnage.eml"), encoding: .utf8)
        let phishing = try run("admin/10-hameconnage-service-informatique.sieve", sample)
        #expect(phishing.actions == [.fileinto(mailbox: "Junk", flags: ["$Phishing"], copy: false, create: true)])
        #expect(phishing.stopped)
        let realService = try run(
            "admin/10-hameconnage-service-informatique.sieve",
            Self.mail("From: Service informatique <dsi@ac-exemple.fr>\nSubject: Votre quota de messagerie"))
        #expect(realService.actions.isEmpty, "the real IT service, from the academy's domain, is not touched")
        let parent = try run(
            "admin/10-hameconnage-service-informatique.sieve",
            Self.mail("From: c.martin@exemple.net\nSubject: Absence de Léa lundi"))
        #expect(parent.actions.isEmpty)
    }

    @Test func mailingListsByListId() throws {
        let list = try run(
            "10-listes-de-diffusion.sieve",
            Self.mail("From: bureau@parents-exemple.org\nList-Id: Parents d'eleves <Parents.lists.parents-exemple.org>")
        )
        #expect(list.actions == [.fileinto(mailbox: "Listes/parents", flags: [], copy: false, create: true)])
        let personal = try run("10-listes-de-diffusion.sieve", Self.mail("From: jeanne@college-exemple.fr"))
        #expect(personal.actions.isEmpty && personal.implicitKeep != nil)
    }

    @Test func colleaguesByDomain() throws {
        let head = try run("20-collegues.sieve", Self.mail("From: Direction <direction@college-exemple.fr>"))
        #expect(head.actions == [.fileinto(mailbox: "Collègues", flags: ["\\Flagged"], copy: false, create: false)])
        let colleague = try run("20-collegues.sieve", Self.mail("From: marc.lefevre@ac-exemple.fr"))
        #expect(colleague.actions == [.fileinto(mailbox: "Collègues", flags: [], copy: false, create: false)])
        let outsider = try run("20-collegues.sieve", Self.mail("From: direction@autre-college.fr"))
        #expect(outsider.actions.isEmpty)
    }

    @Test func largeAttachments() throws {
        let large = try run(
            "30-grosses-pieces-jointes.sieve",
            Self.mail("From: a@x.fr", body: String(repeating: "QUJD", count: 1_400_000)))
        #expect(large.actions == [.fileinto(mailbox: "Volumineux", flags: [], copy: false, create: false)])
        let small = try run("30-grosses-pieces-jointes.sieve", Self.mail("From: a@x.fr"))
        #expect(small.actions.isEmpty)
    }

    @Test func newsletters() throws {
        let letter = try run(
            "40-lettres-d-information.sieve",
            Self.mail("From: news@editions.example\nList-Unsubscribe: <mailto:u@editions.example>"))
        #expect(letter.actions == [.fileinto(mailbox: "Lettres", flags: ["\\Seen"], copy: false, create: false)])
        let bulk = try run("40-lettres-d-information.sieve", Self.mail("From: promo@x.example\nPrecedence: bulk"))
        #expect(bulk.actions.count == 1)
        let discussion = try run(
            "40-lettres-d-information.sieve",
            Self.mail("From: a@x.fr\nList-Id: <l.x.fr>\nList-Unsubscribe: <mailto:u@x.fr>"))
        #expect(discussion.actions.isEmpty)
    }

    @Test func outOfOfficeFolderWithoutReply() throws {
        let during = try run("50-absence-sans-reponse.sieve", Self.mail("From: a@x.fr"), now: "2026-12-25T10:00:00Z")
        #expect(during.actions == [.fileinto(mailbox: "Pendant mon absence", flags: [], copy: false, create: false)])
        #expect(!during.actions.contains { if case .vacation = $0 { true } else { false } })
        let after = try run("50-absence-sans-reponse.sieve", Self.mail("From: a@x.fr"), now: "2027-01-05T08:00:00Z")
        #expect(after.actions.isEmpty)
    }
}
