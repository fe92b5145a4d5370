import Foundation
import Logging
import TestSupport
import Testing

@testable import Daemon

@Suite struct RuleWatcherTests {
    @Test func aDroppedFileTakesEffectABrokenOneKeepsTheOldRulesAFixTakesEffect() async throws {
        let root = TemporaryFolder("daemon")
        defer { root.remove() }
        let users = root.path + "/users"
        let alice = users + "/alice"
        try FileManager.default.createDirectory(atPath: alice, withIntermediateDirectories: true)
        let store = try StateStore(directory: root.path + "/state")
        let book = RuleBook()
        let watcher = RuleWatcher(
            layout: .init(administratorFolder: nil, userRoot: users, accounts: ["alice", "bob"]), book: book,
            store: store, rescanEvery: .seconds(600), logger: Logger(label: "test"), load: TestRuleLoader.load)
        await watcher.loadAll()
        #expect(await book.rules(for: "alice").scripts.isEmpty)
        let running = Task { try await watcher.run() }
        try await Task.sleep(for: .milliseconds(100))

        try saveRenamingIntoPlace(#"require "fileinto"; fileinto "Listes";"#, alice + "/10-listes.sieve")
        #expect(
            try await eventually(60, every: .milliseconds(20)) { await book.rules(for: "alice").scripts.count == 1 })

        try saveRenamingIntoPlace(#"require "fileinto"; fileintoo "x";"#, alice + "/20-casse.sieve")
        #expect(
            try await eventually(60, every: .milliseconds(20)) {
                try StatusReport.read(from: store, accounts: ["alice"]).accounts.first?.ruleErrors.count == 1
            })
        let report = try StatusReport.read(from: store, accounts: ["alice"])
        #expect(report.accounts.first?.ruleErrors.first?.contains("20-casse.sieve:1:") == true)
        #expect(await book.rules(for: "alice").scripts.count == 1, "the last good rules keep running")

        try saveRenamingIntoPlace(#"require "fileinto"; fileinto "Travail";"#, alice + "/20-casse.sieve")
        #expect(
            try await eventually(60, every: .milliseconds(20)) { await book.rules(for: "alice").scripts.count == 2 })
        #expect(try StatusReport.read(from: store, accounts: ["alice"]).accounts.first?.ruleErrors.isEmpty == true)

        // A user who appears later: their folder is created under the root.
        try FileManager.default.createDirectory(atPath: users + "/bob", withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(100))
        try saveRenamingIntoPlace("keep;", users + "/bob/10.sieve")
        #expect(try await eventually(60, every: .milliseconds(20)) { await book.rules(for: "bob").scripts.count == 1 })

        // A removed folder: no rules of alice's own any more, not an error.
        try FileManager.default.removeItem(atPath: alice)
        #expect(try await eventually(60, every: .milliseconds(20)) { await book.rules(for: "alice").scripts.isEmpty })
        running.cancel()
    }

    @Test func rulePacksRunFirstThenTheAdministratorsThenTheUsers() async throws {
        let root = TemporaryFolder("daemon")
        defer { root.remove() }
        for (folder, file) in [
            ("packs/spam", "10-gtube.sieve"), ("admin", "10-site.sieve"), ("users/alice", "10-tri.sieve"),
        ] {
            try FileManager.default.createDirectory(atPath: root.path + "/" + folder, withIntermediateDirectories: true)
            _ = root.write(folder + "/" + file, "keep;")
        }
        let book = RuleBook()
        let watcher = RuleWatcher(
            layout: .init(
                administratorFolder: root.path + "/admin", userRoot: root.path + "/users", accounts: ["alice", "bob"],
                packFolders: [root.path + "/packs/spam"]),
            book: book, store: nil, logger: Logger(label: "test"), load: TestRuleLoader.load)
        await watcher.loadAll()
        #expect(
            await book.rules(for: "alice").scripts.map(\.path) == [
                root.path + "/packs/spam/10-gtube.sieve", root.path + "/admin/10-site.sieve",
                root.path + "/users/alice/10-tri.sieve",
            ])
        #expect(await book.rules(for: "bob").scripts.count == 2)
    }
}
