import Foundation
import TestSupport
import Testing

@testable import Daemon

@Suite struct StateStoreTests {
    static func plan(_ uid: UInt32) -> MessagePlan {
        MessagePlan(
            uid: uid,
            identity: MessageIdentity(
                messageID: "<\(uid)@example.fr>", date: nil, from: nil, subject: "s\(uid)", size: 100, internalDate: nil
            ),
            disposition: .move(.init(mailbox: "Listes")))
    }

    @Test func isPrivateAndSurvivesReopening() throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let folder = directory.path + "/state"
        do {
            let store = try StateStore(directory: folder)
            try store.setMailboxState(.init(uidValidity: 7, lastUID: 41), account: "alice", folder: "INBOX")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/state.sqlite")
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0, "others cannot read the store")
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect(folderAttributes[.posixPermissions] as? Int == 0o700)
        let reopened = try StateStore(directory: folder)
        #expect(try reopened.mailboxState(account: "alice", folder: "INBOX") == .init(uidValidity: 7, lastUID: 41))
        #expect(try reopened.mailboxState(account: "alice", folder: "Listes") == nil)
        #expect(try reopened.mailboxState(account: "bob", folder: "INBOX") == nil)
    }

    @Test func aBatchIsUnderWayUntilCommittedAndOnlyOneAtATime() throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        try store.setMailboxState(.init(uidValidity: 7, lastUID: 10), account: "alice", folder: "INBOX")
        let batch = PendingBatch(
            uidValidity: 7, throughUID: 14, plans: [Self.plan(11), Self.plan(13)],
            copyMarks: ["Archives": .init(uidValidity: 3, uidNext: 90)])
        try store.beginBatch(batch, account: "alice", folder: "INBOX")
        #expect(throws: DaemonError.self) { try store.beginBatch(batch, account: "alice", folder: "INBOX") }
        // Another folder is independent.
        try store.beginBatch(batch, account: "alice", folder: "Listes")
        // What a restart finds: the same plan, and the folder still at its old place.
        let reopened = try StateStore(directory: directory.path)
        #expect(try reopened.pendingBatch(account: "alice", folder: "INBOX") == batch)
        #expect(try reopened.mailboxState(account: "alice", folder: "INBOX")?.lastUID == 10)

        let records = batch.plans.map {
            ProcessingRecord(uid: $0.uid, identity: $0.identity, actions: "moved to Listes", rules: ["r.sieve"])
        }
        try reopened.commitBatch(batch, records: records, account: "alice", folder: "INBOX")
        #expect(try reopened.pendingBatch(account: "alice", folder: "INBOX") == nil)
        #expect(try reopened.mailboxState(account: "alice", folder: "INBOX")?.lastUID == 14)
        #expect(try reopened.filedCount(since: 0, account: "alice") == 2)
        let eleven = Self.plan(11).identity.fingerprint
        let twelve = Self.plan(12).identity.fingerprint
        #expect(try reopened.filed([eleven, twelve], account: "alice", folder: "INBOX") == [eleven])
        #expect(try reopened.filed([eleven], account: "alice", folder: "Listes").isEmpty)
        #expect(try reopened.pendingBatch(account: "alice", folder: "Listes") == batch)
    }

    @Test func aRescanEndsWhenTheBatchesPassIt() throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        let first = PendingBatch(uidValidity: 9, throughUID: 200, plans: [])
        try store.beginBatch(first, account: "a", folder: "INBOX")
        try store.commitBatch(first, records: [], account: "a", folder: "INBOX", rescanThrough: 350)
        #expect(try store.mailboxState(account: "a", folder: "INBOX")?.rescanThrough == 350)
        let second = PendingBatch(uidValidity: 9, throughUID: 400, plans: [])
        try store.beginBatch(second, account: "a", folder: "INBOX")
        try store.commitBatch(second, records: [], account: "a", folder: "INBOX", rescanThrough: 350)
        #expect(try store.mailboxState(account: "a", folder: "INBOX")?.rescanThrough == 0)
    }

    @Test func aStoreThatCannotBeOpenedSaysWhere() throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let path = directory.path + "/state.sqlite"
        try Data("not a database, just text that is long enough to be read as a header......".utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try StateStore(path: path)
        } throws: { error in
            "\(error)".contains(path) && (error as? DaemonError)?.isStateStore == true
        }
    }

    @Test func identitiesTellCopiesApartAndFingerprintsAreStable() {
        let a = MessageIdentity(messageID: "<x@y>", date: "d", from: "f", subject: "s", size: 10, internalDate: "i")
        let b = MessageIdentity(messageID: "<x@y>", date: "d", from: "f", subject: "s", size: 10, internalDate: "i")
        let c = MessageIdentity(messageID: "<x@y>", date: "d", from: "f", subject: "s", size: 11, internalDate: "i")
        let d = MessageIdentity(messageID: "<x@y>", date: "d", from: "fs", subject: "", size: 10, internalDate: "i")
        #expect(a.isCopy(of: b) && a.fingerprint == b.fingerprint)
        #expect(!a.isCopy(of: c) && a.fingerprint != c.fingerprint)
        #expect(a.fingerprint != d.fingerprint, "values are separated, not concatenated")
    }
}
