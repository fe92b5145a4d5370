import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Daemon

/// Recovery's wait for a COPY the dead run had sent (`CopySent`), against a scripted server and a fake clock:
/// what it waits for, how long at most, and what it copies once it gives up.
struct BatchRecoveryWaitTests {
    /// A folder whose messages are all still there, and mailboxes that hold copies; a copy the dead run sent
    /// lands after `landsAfterLooks` looks at the mailbox (never when nil).
    final class ScriptedServer: FilingServer, @unchecked Sendable {
        struct LostConnection: Error {}

        var present: [UInt32: [String]]
        var identitiesByUID: [UInt32: MessageIdentity]
        /// Copies in each mailbox since the batch's mark.
        var mailboxes: [String: [MessageIdentity]] = [:]
        /// Copies the dead run sent, landing after that many looks.
        var late: [(mailbox: String, uids: [UInt32], landsAfterLooks: Int?)] = []
        var looks = 0
        var lookFails = false
        /// Mailboxes whose COPY the server refuses (NO): over quota, or not there.
        var refusing: Set<String> = []
        private(set) var copiesMade: [(uids: [UInt32], mailbox: String)] = []

        init(_ identities: [UInt32: MessageIdentity]) {
            identitiesByUID = identities
            present = identities.mapValues { _ in [] }
        }

        var hasMove: Bool { true }
        func addFlags(_ flags: [String], to uids: [UInt32]) async throws {}
        func removeFlags(_ flags: [String], from uids: [UInt32]) async throws {}
        func copy(_ uids: [UInt32], to mailbox: String) async throws {
            if refusing.contains(mailbox) { throw FilingRefusal("NO [OVERQUOTA] \(mailbox) is full") }
            copiesMade.append((uids, mailbox))
            mailboxes[mailbox, default: []] += uids.compactMap { identitiesByUID[$0] }
        }
        func move(_ uids: [UInt32], to mailbox: String) async throws {
            for uid in uids { present[uid] = nil }
        }
        func delete(_ uids: [UInt32]) async throws {
            for uid in uids { present[uid] = nil }
        }
        func create(_ mailbox: String) async throws {}
        func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark { .init(uidValidity: 1, uidNext: 1) }
        func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]] {
            present.filter { uids.contains($0.key) }
        }
        func identities(in mailbox: String, since mark: PendingBatch.MailboxMark) async throws -> [MessageIdentity] {
            if lookFails { throw LostConnection() }
            looks += 1
            for (index, copy) in late.enumerated() where copy.mailbox == mailbox {
                guard let after = copy.landsAfterLooks, looks > after else { continue }
                mailboxes[mailbox, default: []] += copy.uids.compactMap { identitiesByUID[$0] }
                late[index].landsAfterLooks = nil
            }
            return mailboxes[mailbox] ?? []
        }
    }

    /// A wall clock that moves only when recovery pauses.
    final class FakeClock: Sendable {
        let state: Mutex<(now: Date, pauses: Int)>
        init(_ now: Date) { state = Mutex((now, 0)) }
        var pauses: Int { state.withLock { $0.pauses } }
        var waiting: BatchRecovery.Waiting {
            BatchRecovery.Waiting(
                now: { self.state.withLock { $0.now } },
                pause: { duration in
                    self.state.withLock {
                        $0.now = $0.now.addingTimeInterval(duration.seconds)
                        $0.pauses += 1
                    }
                })
        }
    }

    static func identity(_ n: Int, fingerprint: String? = nil) -> MessageIdentity {
        MessageIdentity(
            messageID: "<m\(n)@example.org>", size: 100, internalDate: "1700000000",
            fingerprint: fingerprint ?? "f\(n)")
    }

    /// A batch copying each of `uids` to each of `mailboxes` and keeping it in the folder.
    static func batch(
        _ uids: [UInt32], identities: [UInt32: MessageIdentity], mailboxes: [String] = ["Archive"]
    ) -> PendingBatch {
        PendingBatch(
            uidValidity: 7, throughUID: uids.max() ?? 0,
            plans: uids.map { uid in
                MessagePlan(
                    uid: uid, identity: identities[uid]!, copies: mailboxes.map { .init(mailbox: $0) },
                    disposition: .keep(flags: []))
            },
            copyMarks: Dictionary(uniqueKeysWithValues: mailboxes.map { ($0, .init(uidValidity: 1, uidNext: 1)) }))
    }

    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a note dated in the future (the clock set back since) is waited for lateCopyWait at most, then copied")
    func futureNoteIsBounded() async throws {
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5)]
        let server = ScriptedServer(identities)
        let clock = FakeClock(Self.start)
        let note = CopySent(mailbox: "Archive", uids: [5], sentAt: Self.start.addingTimeInterval(86_400))
        _ = try await BatchRecovery.finish(
            Self.batch([5], identities: identities), server: server, sent: [note], lateCopyWait: .seconds(60),
            waiting: clock.waiting)
        // 60 s of half-second looks, not a day and a minute of them.
        #expect(clock.pauses <= 120)
        #expect(server.copiesMade.map(\.uids) == [[5]])
    }

    @Test("notes dated in the future for several mailboxes share one deadline: lateCopyWait in all, not in each")
    func futureNotesShareOneDeadline() async throws {
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5)]
        let server = ScriptedServer(identities)
        let clock = FakeClock(Self.start)
        let mailboxes = ["A", "B", "C"]
        let notes = mailboxes.map { CopySent(mailbox: $0, uids: [5], sentAt: Self.start.addingTimeInterval(3600)) }
        _ = try await BatchRecovery.finish(
            Self.batch([5], identities: identities, mailboxes: mailboxes), server: server, sent: notes,
            lateCopyWait: .seconds(60), waiting: clock.waiting)
        #expect(clock.pauses <= 120)
        #expect(server.copiesMade.map(\.mailbox).sorted() == mailboxes)
    }

    @Test("a copy that lands while recovery waits is not made a second time")
    func lateCopyLands() async throws {
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5), 6: Self.identity(6)]
        let server = ScriptedServer(identities)
        server.late = [("Archive", [5, 6], 3)]
        let clock = FakeClock(Self.start)
        let note = CopySent(mailbox: "Archive", uids: [5, 6], sentAt: Self.start.addingTimeInterval(-1))
        _ = try await BatchRecovery.finish(
            Self.batch([5, 6], identities: identities), server: server, sent: [note], lateCopyWait: .seconds(60),
            waiting: clock.waiting)
        #expect(server.copiesMade.isEmpty)
        #expect(clock.pauses == 3)
    }

    @Test("identical messages are matched one to one while waiting: the one whose copy never lands is copied")
    func identicalMessagesOneToOne() async throws {
        let same = Self.identity(1, fingerprint: "same")
        let identities: [UInt32: MessageIdentity] = [5: same, 6: same]
        let server = ScriptedServer(identities)
        // The dead run's COPY of 5 and 6: only one copy lands (say the server had made one before it stopped).
        server.mailboxes["Archive"] = [same]
        let clock = FakeClock(Self.start)
        let note = CopySent(mailbox: "Archive", uids: [5, 6], sentAt: Self.start)
        _ = try await BatchRecovery.finish(
            Self.batch([5, 6], identities: identities), server: server, sent: [note], lateCopyWait: .seconds(10),
            waiting: clock.waiting)
        #expect(server.copiesMade.count == 1)
        #expect(server.copiesMade.first?.uids.count == 1)
        #expect(server.mailboxes["Archive"]?.count == 2)
        #expect(clock.pauses <= 20)
    }

    @Test("notes for another mailbox, other messages or long past are not waited for")
    func unrelatedNotesNotWaited() async throws {
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5)]
        let server = ScriptedServer(identities)
        let clock = FakeClock(Self.start)
        let notes = [
            CopySent(mailbox: "Elsewhere", uids: [5], sentAt: Self.start),
            CopySent(mailbox: "Archive", uids: [99], sentAt: Self.start),
            // The clock moved forward since: its wait is over already.
            CopySent(mailbox: "Archive", uids: [5], sentAt: Self.start.addingTimeInterval(-3600)),
        ]
        _ = try await BatchRecovery.finish(
            Self.batch([5], identities: identities), server: server, sent: notes, lateCopyWait: .seconds(60),
            waiting: clock.waiting)
        #expect(clock.pauses == 0)
        #expect(server.copiesMade.map(\.uids) == [[5]])
    }

    @Test("a note for a COPY the server refused: waited for lateCopyWait at most, then refused again and reported")
    func refusedCopyIsWaitedForBoundedThenReported() async throws {
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5)]
        let server = ScriptedServer(identities)
        server.refusing = ["Archive"]
        let clock = FakeClock(Self.start)
        let note = CopySent(mailbox: "Archive", uids: [5], sentAt: Self.start.addingTimeInterval(-10))
        let report = try await BatchRecovery.finish(
            Self.batch([5], identities: identities), server: server, sent: [note], lateCopyWait: .seconds(60),
            waiting: clock.waiting)
        #expect(clock.pauses <= 100)
        #expect(server.copiesMade.isEmpty)
        #expect(report[5]?.contains { $0.contains("OVERQUOTA") } == true, "\(report)")
    }

    @Test("a look that fails while waiting (connection lost) fails the recovery without copying anything")
    func lookFailsDuringWait() async throws {
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5)]
        let server = ScriptedServer(identities)
        let clock = FakeClock(Self.start)
        let note = CopySent(mailbox: "Archive", uids: [5], sentAt: Self.start)
        let waiting = BatchRecovery.Waiting(
            now: clock.waiting.now,
            pause: { duration in
                try await clock.waiting.pause(duration)
                server.lookFails = true
            })
        await #expect(throws: ScriptedServer.LostConnection.self) {
            _ = try await BatchRecovery.finish(
                Self.batch([5], identities: identities), server: server, sent: [note], lateCopyWait: .seconds(60),
                waiting: waiting)
        }
        #expect(server.copiesMade.isEmpty)
    }

    /// Recovery's own COPY is noted like any other; the server is killed with it under way.
    struct KilledAfterCopy: Error {}

    @Test("recovery's own COPY is noted: a crash during it, then a second recovery, waits for that copy")
    func recoveryCopyIsNoted() async throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path + "/state")
        let identities: [UInt32: MessageIdentity] = [5: Self.identity(5)]
        let batch = Self.batch([5], identities: identities)
        try store.beginBatch(batch, account: "alice", folder: "INBOX")
        let server = ScriptedServer(identities)
        let clock = FakeClock(Date())
        // The first recovery's COPY is read by the server, which makes it only later: the process dies meanwhile.
        let noting = CopyNotingServer(base: server) { uids, mailbox in
            try store.noteCopySent(uids, to: mailbox, account: "alice", folder: "INBOX")
            server.late.append((mailbox, uids, 2))
            throw KilledAfterCopy()
        }
        await #expect(throws: KilledAfterCopy.self) {
            _ = try await BatchRecovery.finish(batch, server: noting, waiting: clock.waiting)
        }
        let notes = try store.copiesSent(account: "alice", folder: "INBOX")
        #expect(notes.map(\.uids) == [[5]])
        _ = try await BatchRecovery.finish(
            batch, server: server, sent: notes, lateCopyWait: .seconds(60), waiting: clock.waiting)
        #expect(server.copiesMade.isEmpty, "the first recovery's copy landed and was not made again")
        #expect(server.mailboxes["Archive"]?.count == 1)
        // The batch's end forgets its notes.
        try store.dropBatch(account: "alice", folder: "INBOX")
        #expect(try store.copiesSent(account: "alice", folder: "INBOX").isEmpty)
    }
}
