import Archiver
import ArgumentParser
import Daemon
import Foundation
import MailMessage

/// `mailsift archive run --config FILE [--account A] [--dry-run]`: archives now what the policy says, with a
/// progress bar on a terminal; each server copy is deleted only after its archived copy is checked.
struct ArchiveRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Move old mail from the server into each account's archive now, as the configuration says.",
        discussion: """
            Each message is fetched, stored in <state_dir>/archive/<account>/ (written, synced, read back and \
            checked), compared with the server's bytes, and only then deleted from the server (UID EXPUNGE). A \
            server without UIDPLUS keeps its copies: they are archived and left. A run that is interrupted \
            loses nothing, and the next one stores nothing twice.
            """)

    @OptionGroup var configurationFile: ConfigurationOption
    @Option(help: "Only this account (by its name in the configuration); default: every enabled account.")
    var account: String?
    @Flag(help: "Show what would move (as archive plan does); change nothing.") var dryRun = false
    @Flag(help: "Print the reports as JSON.") var json = false

    func run() async throws {
        let configuration = try configurationFile.load()
        var reports: [AccountRunReport] = []
        var plans: [AccountPlan] = []
        var failed = false
        // Where status finds each account's last run (the daemon's schedule records its own there too).
        var state: StateStore?
        if !dryRun {
            do {
                state = try StateStore(directory: configuration.stateDirectory)
            } catch {
                // Archiving does not need it: the run goes on, and only status misses it.
                printError(TerminalText.escaped("the run will not show in status: \(error)"))
            }
        }
        for settings in try ArchiveAccounts.select(account, in: configuration, file: configurationFile.file) {
            let archiver = AccountArchiver(configuration, account: settings)
            let progress = ArchiveProgressBar(account: settings.name)
            let started = Date()
            var report: AccountRunReport?
            do {
                let connection = try await archiver.connect()
                do {
                    if dryRun {
                        let plan = try await archiver.plan(on: connection)
                        plans.append(plan)
                        if !json { print(ArchiveText.plan(plan) + "  (dry run: nothing moved)") }
                    } else {
                        let done = try await archiver.run(on: connection) { progress.show($0) }
                        report = done
                        progress.finish()
                        reports.append(done)
                        if !json { print(ArchiveText.run(done), terminator: "") }
                    }
                    await connection.logout()
                } catch {
                    progress.finish()
                    await connection.abandon()
                    throw error
                }
                if let state {
                    let record = archiver.record(report, failure: nil, trigger: .command, startedAt: started)
                    try? archiver.keep(record, quotaAfter: report?.quotaAfter, in: state)
                }
            } catch {
                failed = true
                printError(TerminalText.escaped("\(settings.name): \(error)"))
                if let state {
                    let record = archiver.record(nil, failure: "\(error)", trigger: .command, startedAt: started)
                    try? archiver.keep(record, quotaAfter: nil, in: state)
                }
            }
        }
        if json { print(dryRun ? try ArchiveText.json(plans) : try ArchiveText.json(reports)) }
        if failed { throw ExitCode(1) }
    }
}

/// The progress bar of one account's run, on standard error when it is a terminal.
final class ArchiveProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var line = ProgressLine()
    private let account: String
    private let verb: String

    init(account: String, verb: String = "archiving") {
        self.account = account
        self.verb = verb
    }

    func show(_ progress: ArchiveProgress) {
        lock.lock()
        defer { lock.unlock() }
        let done = progress.messagesDone == progress.messages
        line.show(
            "\(account): \(verb) " + ProgressLine.bar(progress.messagesDone, of: progress.messages)
                + " \(progress.messagesDone)/\(progress.messages) messages", force: done)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        line.finish()
    }
}
