import Foundation
import GRDB
import IMAPCore
import MailMessage
import Sieve
import Spam
import TestSupport
import Testing

@testable import Daemon

/// What the Junk folder's watcher makes of a message that arrives there: mailsift's own move is not learned, the
/// user's is, also when mailsift had moved the same message there before.
@Suite struct JunkWatcherPlanTests {
    typealias Mail = SpamPhaseFilingTests

    /// mailsift put the phish in Junk, the user took it out (learned as ham), then put it back — having changed
    /// their mind: the lesson must flip to spam, as for any message the user moves into Junk.
    @Test func aMessageTheUserPutsBackIntoJunkIsLearnedAsSpamAgain() async throws {
        let directory = TemporaryFolder("junk-watcher")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let learner = try Mail.learner(in: directory)
        var rules = FilingRules(scripts: [])
        rules.spam = SpamPhase(settings: SpamSettings(), junkFolder: "Junk", learner: learner, learnOnMove: true)
        let memory = JunkMemory(store: store, account: "jeanne", junk: "Junk")
        let phish = Mail.phish(5)
        let fetched = FetchedMessage(uid: 7, size: UInt64(phish.count), bytes: phish, part: .whole)
        let identity = MessageIdentity(Message(phish), size: UInt64(phish.count), internalDate: nil)

        // mailsift's move into Junk, a minute ago; the user took it out since (learned as ham then).
        try await store.pool.write { db in
            try db.execute(
                sql: "INSERT INTO delivered (account, folder, fingerprint, time) VALUES (?, ?, ?, ?)",
                arguments: ["jeanne", "Junk", identity.fingerprint, Int64(Date().timeIntervalSince1970) - 60])
        }
        try learner.learn(phish, as: .ham)

        let plan = FolderFiler.plan(
            for: fetched, rules: rules, folder: "Junk", mailboxes: ["INBOX", "Junk"], junk: "Junk", memory: memory,
            learnsSpam: true)
        #expect(plan.decidedBy == ["moved to Junk by the user: learned as spam (it had been learned as ham)"])
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: phish)) == .spam)

        // Taken out again (ham), then moved into Junk by mailsift itself, after that lesson: not the user's.
        try learner.learn(phish, as: .ham)
        try await store.pool.write { db in
            try StateStore.recordDelivery(identity.fingerprint, account: "jeanne", folder: "Junk", db)
        }
        let again = FolderFiler.plan(
            for: fetched, rules: rules, folder: "Junk", mailboxes: ["INBOX", "Junk"], junk: "Junk", memory: memory,
            learnsSpam: true)
        #expect(again.decidedBy == ["put in Junk by mailsift: not learned"])
    }

    /// SIGHUP does not restart an account: its Junk folder stays watched after the learner or learn_on_move is
    /// turned off. What arrives there must then be left alone — neither learned nor filed by the user's rules.
    @Test func aJunkFolderStillWatchedAfterLearningIsTurnedOffIsLeftAlone() throws {
        let directory = TemporaryFolder("junk-watcher")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let learner = try Mail.learner(in: directory)
        let everything = try #require(SieveCompiler.compile("require \"fileinto\"; fileinto \"Travail\";").script)
        let phish = Mail.phish(6)
        let fetched = FetchedMessage(uid: 3, size: UInt64(phish.count), bytes: phish, part: .whole)
        let memory = JunkMemory(store: store, account: "jeanne", junk: "Junk")
        for spam in [
            nil, SpamPhase(settings: SpamSettings(), junkFolder: "Junk", learner: nil, learnOnMove: true),
            SpamPhase(settings: SpamSettings(), junkFolder: "Junk", learner: learner, learnOnMove: false),
        ] {
            var rules = FilingRules(scripts: [.init(path: "jeanne/tri.sieve", compiled: everything)])
            rules.spam = spam
            let plan = FolderFiler.plan(
                for: fetched, rules: rules, folder: "Junk", mailboxes: ["INBOX", "Junk", "Travail"], junk: "Junk",
                memory: memory, learnsSpam: true)
            #expect(plan.disposition.destination == nil)
            #expect(plan.copies.isEmpty)
        }
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: phish)) == nil)
    }

    /// A server's \Junk folder that is also one of the account's folders is filed by its rules: what mailsift put
    /// there is not a message taken out of Junk, and is not learned as ham.
    @Test func theServersJunkFiledAsOneOfTheAccountsFoldersTeachesNothing() async throws {
        let directory = TemporaryFolder("junk-watcher")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let learner = try Mail.learner(in: directory)
        var rules = FilingRules(scripts: [])
        rules.spam = SpamPhase(settings: SpamSettings(), junkFolder: "Junk", learner: learner, learnOnMove: true)
        let phish = Mail.phish(4)
        let identity = MessageIdentity(Message(phish), size: UInt64(phish.count), internalDate: nil)
        try await store.pool.write { db in
            try StateStore.recordDelivery(identity.fingerprint, account: "jeanne", folder: "Spam", db)
        }
        _ = FolderFiler.plan(
            for: FetchedMessage(uid: 9, size: UInt64(phish.count), bytes: phish, part: .whole), rules: rules,
            folder: "Spam", mailboxes: ["INBOX", "Spam"], junk: "Spam",
            memory: JunkMemory(store: store, account: "jeanne", junk: "Junk", serverJunk: "Spam"))
        #expect(try learner.store.learnedClass(of: MessageFingerprint(of: phish)) == nil)
    }
}
