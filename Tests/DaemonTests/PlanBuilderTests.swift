import MailMessage
import Sieve
import Testing

@testable import Daemon

/// What the rules' outcome becomes on the server, checked with real scripts run by the interpreter.
@Suite struct PlanBuilderTests {
    static let message = Message(
        Array("From: a@example.fr\r\nSubject: Réunion\r\nMessage-ID: <1@example.fr>\r\n\r\nBonjour\r\n".utf8))

    static func plan(_ script: String, flags: [String] = [], folder: String = "INBOX") throws -> MessagePlan {
        let compiled = try #require(SieveCompiler.compile(script).script, "the script compiles")
        let outcome = Interpreter.run(compiled, input: SieveInput(message: message))
        let identity = MessageIdentity(message, size: 60, internalDate: nil)
        return PlanBuilder.plan(outcome, uid: 5, identity: identity, flags: flags, folder: folder)
    }

    @Test func fileintoMovesAndCopyKeeps() throws {
        let moved = try Self.plan(#"require "fileinto"; fileinto "Listes";"#)
        #expect(moved.copies.isEmpty && moved.disposition == .move(.init(mailbox: "Listes")))
        let copied = try Self.plan(#"require ["fileinto", "copy"]; fileinto :copy "Archives";"#)
        #expect(copied.copies == [.init(mailbox: "Archives")] && copied.disposition == .keep(flags: []))
        let both = try Self.plan(#"require "fileinto"; fileinto "A"; fileinto "B";"#)
        #expect(both.copies == [.init(mailbox: "A")] && both.disposition == .move(.init(mailbox: "B")))
        let kept = try Self.plan(#"require "fileinto"; fileinto "A"; keep;"#)
        #expect(kept.copies == [.init(mailbox: "A")] && kept.disposition == .keep(flags: []))
    }

    @Test func fileintoTheFolderItIsInIsAKeep() throws {
        let plan = try Self.plan(#"require "fileinto"; fileinto "Listes";"#, folder: "Listes")
        #expect(plan.copies.isEmpty && plan.disposition == .keep(flags: []))
        #expect(plan.changesNothing)
    }

    @Test func flagsAreAddedNeverTakenAway() throws {
        let plan = try Self.plan(
            #"require "imap4flags"; removeflag "\\Seen"; addflag ["\\Flagged", "\\Seen"]; keep;"#, flags: ["\\Seen"])
        #expect(plan.disposition == .keep(flags: ["\\Flagged"]), "\\Seen is there already: no STORE for it")
    }

    @Test func discardDeletesButARedirectThatCannotBeSentKeeps() throws {
        #expect(try Self.plan("discard;").disposition == .delete)
        let redirected = try Self.plan(#"redirect "boss@example.fr";"#)
        #expect(redirected.disposition == .keep(flags: []))
        #expect(redirected.notCarriedOut.contains { $0.contains("redirect to boss@example.fr") })
        let rejected = try Self.plan(#"require "reject"; reject "non";"#)
        #expect(rejected.disposition == .keep(flags: []))
        let both = try Self.plan(#"redirect "x@example.fr"; discard;"#)
        #expect(both.disposition == .keep(flags: []), "the redirect was not done: the message must not be lost")
    }

    @Test func aFailedRunKeepsTheMessage() throws {
        let compiled = try #require(SieveCompiler.compile(#"require "fileinto"; fileinto "A";"#).script)
        var outcome = Interpreter.run(compiled, input: SieveInput(message: Self.message))
        outcome.runtimeError = "too many actions"
        outcome.actions = []
        let plan = PlanBuilder.plan(
            outcome, uid: 1, identity: MessageIdentity(Self.message, size: 1, internalDate: nil), flags: [],
            folder: "INBOX")
        #expect(plan.disposition == .keep(flags: []) && plan.notCarriedOut.first?.contains("too many actions") == true)
    }
}
