import Archive
import ArgumentParser
import Daemon
import Foundation
import IMAPClient
import IMAPCore
import Spam

/// `mailsift learn --spam|--ham PATH… (--store FILE | --config FILE [--account A])`: teaches the learner from
/// message files, Maildirs and mbox files (plain or gzip), read as `archive import` reads them; or, with
/// `--config FILE --account A --folder F`, from a folder of the account on its server (read-only: EXAMINE).
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Teach the spam learner from messages: files, Maildirs, mbox files.",
        discussion: """
            Each message is learned once: learning it again as the same class changes nothing, and learning it as \
            the other class first takes back what it taught before. The learner votes only once it has learned at \
            least 50 spam and 50 ham.
            """)

    @Flag(help: "Learn the messages as spam.") var spam = false
    @Flag(help: "Learn the messages as ham (wanted mail).") var ham = false

    @Option(help: ArgumentHelp("The token store to teach (created if missing).", valueName: "file"))
    var store: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("The daemon's configuration: its token store.", valueName: "file"))
    var configurationFile: String?

    @Option(help: "With --config and `learner = \"per-account\"`: whose store.") var account: String?

    @Option(help: "With --config and --account: learn every message of this folder on the account's server.")
    var folder: String?

    @Argument(help: "Message files, Maildirs or mbox files.") var paths: [String] = []

    func validate() throws {
        guard spam != ham else { throw ValidationError("say what the messages are: --spam or --ham") }
        guard (store == nil) != (configurationFile == nil) else {
            throw ValidationError("name the token store: --store FILE, or --config FILE to use the daemon's")
        }
        if folder != nil {
            guard configurationFile != nil, account != nil else {
                throw ValidationError("--folder reads the account's server: give --config FILE and --account NAME")
            }
            guard paths.isEmpty else { throw ValidationError("learn from --folder or from files, not both") }
        } else if paths.isEmpty {
            throw ValidationError("name the messages to learn: files, Maildirs or mbox files (or --folder)")
        }
    }

    func run() async throws {
        let storePath = try resolveStore()
        let tokenStore = try TokenStore(path: storePath)
        if let folder {
            try await learnFolder(folder, into: tokenStore, storePath: storePath)
            return
        }
        let found = try ImportSource.find(paths)
        for (source, reason) in found.skipped { printError("\(source): skipped: \(reason)") }
        for (source, reason) in found.failures { printError("\(source): \(reason)") }
        var learner = BatchLearner(store: tokenStore, spamClass: spam ? .spam : .ham)
        var progress = ProgressLine()
        for (index, source) in found.sources.enumerated() {
            try source.forEachMessage { bytes, _ in
                try learner.add(bytes)
                progress.show("\(ProgressLine.bar(index, of: found.sources.count))  \(learner.read) messages")
            } problem: { source, reason in
                printError("\(source): \(reason)")
                learner.problems += 1
            }
        }
        try learner.flush()
        progress.show("\(ProgressLine.bar(1, of: 1))  \(learner.read) messages", force: true)
        progress.finish()
        let summary = try tokenStore.summary()
        print(learner.report(spamClass: spam ? "spam" : "ham"))
        print("\(storePath): \(summary.tokens) tokens from \(summary.spamMessages) spam and \(summary.hamMessages) ham")
        if learner.problems > 0 || !found.failures.isEmpty { throw ExitCode(1) }
    }

    /// Every message of `folder` on the account's server, fetched whole in budgeted slices.
    private func learnFolder(_ folder: String, into tokenStore: TokenStore, storePath: String) async throws {
        let configuration = try loadConfiguration()
        guard let endpoint = DaemonSetup(configuration).accounts.first(where: { $0.endpoint.name == account })?.endpoint
        else { throw ValidationError("no enabled account named \(account!) in \(configurationFile!)") }
        var learner = BatchLearner(store: tokenStore, spamClass: spam ? .spam : .ham)
        var progress = ProgressLine()
        let connection = try await endpoint.connect()
        do {
            _ = try await connection.examine(MailboxName(folder))
            let uids = try await connection.searchUIDs(.all).sorted()
            for start in stride(from: 0, to: uids.count, by: BatchLearner.batchSize) {
                let slice = Array(uids[start..<min(start + BatchLearner.batchSize, uids.count)])
                _ = try await connection.fetchMessages(UIDSet(uids: slice)) { _, bytes in try learner.add(bytes) }
                progress.show("\(ProgressLine.bar(start + slice.count, of: uids.count))  \(learner.read) messages")
            }
            try learner.flush()
        } catch {
            progress.finish()
            await connection.close()
            throw error
        }
        progress.finish()
        await connection.logout()
        let summary = try tokenStore.summary()
        print(learner.report(spamClass: spam ? "spam" : "ham"))
        print("\(storePath): \(summary.tokens) tokens from \(summary.spamMessages) spam and \(summary.hamMessages) ham")
    }

    private func loadConfiguration() throws -> DaemonConfiguration {
        try ConfigurationOption.load(
            configurationFile!,
            // Learning needs only state_dir, [spam] and, for --folder, the account: no rule folder is read.
            ConfigurationLoadOptions(checkFiles: false, credentialsDirectoryRequired: false))
    }

    private func resolveStore() throws -> String {
        if let store { return store }
        let configuration = try loadConfiguration()
        let name: String
        switch configuration.spam.learner {
        case .off: throw ValidationError("\(configurationFile!): the learner is off ([spam] learner = \"off\")")
        case .shared: name = account ?? "-"
        case .perAccount:
            guard let account else { throw ValidationError("the learner is per account: say whose with --account") }
            guard configuration.account(named: account) != nil else {
                throw ValidationError("\(configurationFile!): no account named \(account)")
            }
            name = account
        }
        return configuration.spam.tokenStorePath(stateDirectory: configuration.stateDirectory, account: name)!
    }
}
