import ArgumentParser
import Daemon
import Foundation
import Logging
import MailMessage
import NIOPosix

/// `mailsift sort --config FILE --account NAME`: the daemon's pipeline once over the mail already in a folder,
/// what a user runs after writing a new rule.
struct SortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sort",
        abstract: "File the mail already in a folder by the account's rules, once, and print where it went.",
        discussion: """
            The same rules as the daemon (the administrator's, then the account's own), the same actions, and the \
            same care: a sort that is interrupted is finished by the next one without doing anything twice. \
            Rules that copy (fileinto :copy) copy again each time a message is sorted again.
            """)

    @OptionGroup var configurationFile: ConfigurationOption
    @Option(help: "The account, by its name in the configuration.") var account: String
    @Option(help: "The folder to sort.") var folder = "INBOX"
    @Option(help: "Only mail that arrived on or after this day (YYYY-MM-DD).") var since: String?
    @Flag(help: "Print what would be done with each message; change nothing.") var dryRun = false
    @Flag(help: "Print the summary as JSON.") var json = false
    @Option(
        help: """
            Messages per batch (one fetch, one record, one command per destination). Larger than the daemon's: \
            a sort moves mail in bulk, and each batch costs the server a command per destination.
            """)
    var batchSize = 10_000
    @Option(
        help: """
            Connections to the server for the moves (1 to 8). The server does a move in the process of the \
            connection that asks, so moves to different folders go faster side by side; 1 is gentlest.
            """)
    var connections = 3
    @Option(help: "trace, debug (times of each batch), info, notice, warning, error or critical.")
    var logLevel = "warning"

    func run() async throws {
        let imapSince = try since.map(Self.imapDate)
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size: from 1 to 10000") }
        guard (1...8).contains(connections) else { throw ValidationError("--connections: from 1 to 8") }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level \(logLevel): use trace, debug, info, notice, warning, error or critical")
        }
        let configuration = try configurationFile.load()
        guard let settings = configuration.account(named: account) else {
            throw ValidationError("no account named \(account) in \(configurationFile.file)")
        }
        let rules = RuleLoad.compile(configuration.ruleFolders(for: settings).all)
        guard rules.complete else {
            for error in rules.errors { printError(error) }
            printError("the rules of \(account) have errors: nothing was sorted (mailsift check --config shows them)")
            throw ExitCode(1)
        }
        guard let endpoint = DaemonSetup(configuration).accounts.first(where: { $0.endpoint.name == account })?.endpoint
        else { throw ValidationError("the account \(account) is disabled in \(configurationFile.file)") }
        let store = try StateStore(directory: configuration.stateDirectory)
        let work = NIOThreadPool(numberOfThreads: max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)))
        work.start()
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "mailsift.sort")
        logger.logLevel = level
        let connection = try await endpoint.connect()
        var sort = FolderSort(account: account, folder: folder, rules: rules.rules)
        sort.since = imapSince
        sort.dryRun = dryRun
        sort.batchSize = batchSize
        sort.extraLanes = connections - 1
        sort.openLane = { try await endpoint.connect() }
        let progress = ProgressBox()
        let summary: FolderSort.Summary
        do {
            summary = try await sort.run(connection: connection, store: store, work: work, logger: logger) {
                done, total in progress.show(done, total)
            }
        } catch {
            progress.finish()
            // The server may still be carrying out a command of this batch: a sort run again at once must
            // find its effect, not race it.
            await connection.abandon()
            throw error
        }
        progress.finish()
        await connection.logout()
        try? await work.shutdownGracefully()
        print(json ? try Self.json(summary) : Self.text(summary, dryRun: dryRun), terminator: "")
    }

    static func text(_ summary: FolderSort.Summary, dryRun: Bool) -> String {
        var lines = dryRun ? summary.plans : []
        lines.append(
            "\(summary.messages) \(summary.messages == 1 ? "message" : "messages")"
                + (dryRun ? " (dry run: nothing changed)" : ""))
        for (outcome, count) in summary.outcomes.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append(String(format: "%7d  ", count) + outcome)
        }
        if summary.resumed > 0 {
            lines.append(
                "an interrupted sort was resumed: only the mail after what it had done was sorted (run again to sort it all)"
            )
        }
        if summary.leftToTheDaemon > 0 {
            lines.append("\(summary.leftToTheDaemon) newer messages left to the daemon, which files them")
        }
        return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
    }

    static func json(_ summary: FolderSort.Summary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
    }

    /// "2026-12-01" → "1-Dec-2026" (RFC 3501 date).
    static func imapDate(_ text: String) throws -> String {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 3, (1...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2])
        else { throw ValidationError("--since \(text): write the day as YYYY-MM-DD") }
        return "\(parts[2])-\(months[parts[1] - 1])-\(parts[0])"
    }
}

/// The progress bar, shared with the sort's callback.
final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var line = ProgressLine()

    func show(_ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        line.show("sorting " + ProgressLine.bar(done, of: total) + " \(done)/\(total)", force: done == total)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        line.finish()
    }
}
