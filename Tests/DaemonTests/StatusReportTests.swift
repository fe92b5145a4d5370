import Foundation
import TestSupport
import Testing

@testable import Daemon

@Suite struct StatusReportTests {
    @Test func showsEachAccountItsErrorsRulesAndQuota() throws {
        let directory = TemporaryFolder("daemon")
        defer { directory.remove() }
        let store = try StateStore(directory: directory.path)
        try store.recordStart(pid: getpid())
        try store.recordAccountState(.watching, account: "alice")
        let until = Date().addingTimeInterval(600)
        try store.recordAccountState(
            .refusedCredentials(until: until, lastError: "login refused: NO [AUTHENTICATIONFAILED]"), account: "bob")
        try store.recordRules(account: "alice", scripts: 3, errors: [])
        try store.recordRules(
            account: "bob", scripts: 2, errors: ["/r/bob/20-x.sieve:4:7: error: unknown command 'fileintoo'"])
        try store.recordQuota(account: "alice", resource: "STORAGE", usage: 512, limit: 1024)
        let batch = PendingBatch(
            uidValidity: 1, throughUID: 2,
            plans: [StateStoreTests.plan(1), StateStoreTests.plan(2)])
        try store.beginBatch(batch, account: "alice", folder: "INBOX")
        try store.commitBatch(
            batch,
            records: batch.plans.map { .init(uid: $0.uid, identity: $0.identity, actions: "kept", rules: []) },
            account: "alice", folder: "INBOX")

        let report = try StatusReport.read(from: store, accounts: ["alice", "bob", "carol"])
        #expect(report.running && report.pid == getpid())
        #expect(report.accounts.map(\.state) == ["watching", "refused credentials", "unknown"])
        #expect(report.accounts[0].filedLastHour == 2 && report.filedLastDay == 2)
        #expect(report.accounts[0].quota == [.init(resource: "STORAGE", usage: 512, limit: 1024, percent: 50)])
        #expect(report.accounts[1].ruleErrors.count == 1)
        let text = report.text()
        #expect(text.contains("mailsift is running"))
        #expect(text.contains("bob: last error: login refused: NO [AUTHENTICATIONFAILED]"))
        #expect(text.contains("bob: broken rule, the last good rules run meanwhile: /r/bob/20-x.sieve:4:7"))
        #expect(text.contains("50% of 1 MiB"))

        try store.recordStop()
        let stopped = try StatusReport.read(from: store, accounts: ["alice"])
        #expect(!stopped.running && stopped.accounts[0].state == "not running")
        #expect(stopped.text().hasPrefix("mailsift is not running"))
    }
}
