import Foundation
import Logging
import TestSupport
import Testing

@testable import Daemon

@Suite struct RuleWatcherTests {
    static func eventually(_ seconds: Double = 60, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Saves as editors do: a temporary file renamed into place.
    static func save(_ text: String, _ path: String) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/.tmp-" + UUID().uuidString
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(rename(temporary, path) == 0)
    }

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

        try Self.save(#"require "fileinto"; fileinto "Listes";"#, alice + "/10-listes.sieve")
        #expect(try await Self.eventually { await book.rules(for: "alice").scripts.count == 1 })

        try Self.save(#"require "fileinto"; fileintoo "x";"#, alice + "/20-casse.sieve")
        #expect(
            try await Self.eventually {
                try StatusReport.read(from: store, accounts: ["alice"]).accounts.first?.ruleErrors.count == 1
            })
        let report = try StatusReport.read(from: store, accounts: ["alice"])
        #expect(report.accounts.first?.ruleErrors.first?.contains("20-casse.sieve:1:") == true)
        #expect(await book.rules(for: "alice").scripts.count == 1, "the last good rules keep running")

        try Self.save(#"require "fileinto"; fileinto "Travail";"#, alice + "/20-casse.sieve")
        #expect(try await Self.eventually { await book.rules(for: "alice").scripts.count == 2 })
        #expect(try StatusReport.read(from: store, accounts: ["alice"]).accounts.first?.ruleErrors.isEmpty == true)

        // A user who appears later: their folder is created under the root.
        try FileManager.default.createDirectory(atPath: users + "/bob", withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(100))
        try Self.save("keep;", users + "/bob/10.sieve")
        #expect(try await Self.eventually { await book.rules(for: "bob").scripts.count == 1 })

        // A removed folder: no rules of alice's own any more, not an error.
        try FileManager.default.removeItem(atPath: alice)
        #expect(try await Self.eventually { await book.rules(for: "alice").scripts.isEmpty })
        running.cancel()
    }
}
