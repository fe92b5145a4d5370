import Archive
import Archiver
import ArgumentParser
import Daemon
import Foundation
import MailMessage

/// `mailsift archive restore --config FILE --account A [QUERY] [--to-folder F] [--dry-run] [--json]`: puts
/// archived messages back on the server, each with its flags and internal date, in its folder or the one given.
/// The work is `ArchiveRestorer`'s; this reads the options and prints the report.
struct ArchiveRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put archived messages back on the server, with their flags and dates; they stay in the archive.",
        discussion: """
            The query is the one of archive search (words and filters; none: every archived message). Each \
            message goes back to the folder it was archived from (created if missing), or to --to-folder. A \
            message the folder holds already (same content) is skipped, so running the same restore again adds \
            nothing. Exit status 1 when a message could not be restored (each is named, with the server's answer).
            """)

    @OptionGroup var configurationFile: ConfigurationOption
    @Option(help: "Whose archive, and whose server (the account's name in the configuration).")
    var account: String
    @Argument(
        help:
            "Words that must all appear (as in archive search); none: every message the filters let through."
    )
    var words: [String] = []
    @OptionGroup var filters: ArchiveQueryOptions
    @Option(
        name: .customLong("to-folder"),
        help: ArgumentHelp(
            "Put every message in this folder (levels separated by /), created if missing.", valueName: "folder"))
    var toFolder: String?
    @Flag(help: "List what would be restored and what skipped, and why; change nothing.") var dryRun = false
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        let configuration = try configurationFile.load()
        guard let settings = configuration.account(named: account) else {
            throw ValidationError("no account named \(account) in \(configurationFile.file)")
        }
        let archiver = AccountArchiver(configuration, account: settings)
        let query = try filters.query(words: words.joined(separator: " "), limit: Int.max)
        let restorer: ArchiveRestorer
        let candidates: [RestoreCandidate]
        do {
            restorer = try ArchiveRestorer(
                account: settings.name, storeDirectory: archiver.storeDirectory,
                options: RestoreOptions(toFolder: toFolder, dryRun: dryRun))
            candidates = try await restorer.candidates(
                matching: words.isEmpty && filters.isEmpty ? nil : query)
        } catch let error as ArchiveError {
            throw ArchiveFailure(error)
        } catch let error as RestoreError {
            printError(TerminalText.escaped("\(settings.name): \(error)"))
            throw ExitCode(1)
        }
        let progress = ArchiveProgressBar(account: settings.name, verb: dryRun ? "looking" : "restoring")
        let report: RestoreReport
        do {
            let connection = try await archiver.connect()
            do {
                report = try await restorer.restore(candidates, on: connection) { progress.show($0) }
                progress.finish()
                await connection.logout()
            } catch {
                progress.finish()
                await connection.close()
                throw error
            }
        } catch {
            printError(
                TerminalText.escaped(
                    "\(settings.name): restore stopped: \(error) (run it again: what reached the server is skipped)"))
            throw ExitCode(1)
        }
        if json {
            print(try ArchiveText.json(report))
        } else {
            if candidates.isEmpty { printError("no archived message matches") }
            print(RestoreText.report(report), terminator: "")
        }
        if report.failed > 0 {
            printError(TerminalText.escaped("\(settings.name): \(ArchiveText.count(report.failed)) NOT restored"))
            throw ExitCode(1)
        }
    }
}

/// How a restore report is printed: a line per account and per folder; in a dry run a line per message, else
/// a line per message not restored.
enum RestoreText {
    static func report(_ report: RestoreReport) -> String {
        var lines = [
            "\(report.account): "
                + counts(dryRun: report.dryRun, report.restored, report.wouldRestore, report.skipped, report.failed)
                + (report.dryRun ? " (dry run: nothing changed)" : "")
        ]
        for folder in report.folders {
            lines.append(
                "  \(folder.folder)" + (folder.created ? (report.dryRun ? " (to be created)" : " (created)") : "")
                    + ": "
                    + counts(dryRun: report.dryRun, folder.restored, folder.wouldRestore, folder.skipped, folder.failed)
            )
            if let note = folder.note { lines.append("    \(note)") }
            for message in folder.messages {
                let name = "#\(message.id) \"\(message.subject)\""
                switch message.outcome {
                case .wouldRestore: lines.append("    restore \(name)")
                case .skipped where report.dryRun: lines.append("    skip \(name): \(message.reason ?? "")")
                case .failed where folder.note == nil:
                    lines.append("    NOT restored \(name): \(message.reason ?? "")")
                default: break
                }
            }
        }
        return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
    }

    /// "3 messages restored, 2 already there, 1 NOT restored" ("… to restore" in a dry run).
    static func counts(dryRun: Bool, _ restored: Int, _ wouldRestore: Int, _ skipped: Int, _ failed: Int) -> String {
        var parts = [
            dryRun ? "\(ArchiveText.count(wouldRestore)) to restore" : "\(ArchiveText.count(restored)) restored"
        ]
        if skipped > 0 { parts.append("\(skipped) already there") }
        if failed > 0 { parts.append("\(failed) NOT restored") }
        return parts.joined(separator: ", ")
    }
}
