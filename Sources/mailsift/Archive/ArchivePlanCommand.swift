import Archiver
import ArgumentParser
import Daemon
import Foundation
import MailMessage

/// `mailsift archive plan --config FILE [--account A]`: what an archive run would move now, per account and
/// folder, and the quota's use before and after. Moves nothing (folders are only EXAMINEd).
struct ArchivePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what an archive run would move from the server, per account and folder; move nothing.")

    @OptionGroup var configurationFile: ConfigurationOption
    @Option(help: "Only this account (by its name in the configuration); default: every enabled account.")
    var account: String?
    @Flag(help: "Print the plans as JSON.") var json = false

    func run() async throws {
        let configuration = try configurationFile.load()
        var plans: [AccountPlan] = []
        var failed = false
        for settings in try ArchiveAccounts.select(account, in: configuration, file: configurationFile.file) {
            let archiver = AccountArchiver(configuration, account: settings)
            do {
                let connection = try await archiver.connect()
                let plan: AccountPlan
                do {
                    plan = try await archiver.plan(on: connection)
                } catch {
                    await connection.close()
                    throw error
                }
                await connection.logout()
                plans.append(plan)
                if !json { print(ArchiveText.plan(plan), terminator: "") }
            } catch {
                failed = true
                printError(TerminalText.escaped("\(settings.name): \(error)"))
            }
        }
        if json { print(try ArchiveText.json(plans)) }
        if failed { throw ExitCode(1) }
    }
}

/// The accounts an archive command works on.
enum ArchiveAccounts {
    static func select(_ name: String?, in configuration: DaemonConfiguration, file: String) throws
        -> [AccountConfiguration]
    {
        guard let name else { return configuration.enabledAccounts }
        guard let account = configuration.account(named: name) else {
            throw ValidationError("no account named \(name) in \(file)")
        }
        return [account]
    }
}

/// How plans and runs are printed.
enum ArchiveText {
    static func plan(_ plan: AccountPlan) -> String {
        var lines = [
            "\(plan.account): \(count(plan.messageCount)), \(bytes(plan.bytes)) to archive"
                + quota(
                    plan.quotaBefore, plan.quotaAfter, pressure: plan.quotaPressure)
        ]
        for folder in plan.folders where !folder.messages.isEmpty {
            let byQuota = folder.messages.filter { $0.reason == .quota }.count
            lines.append(
                "  \(folder.folder): \(count(folder.messages.count)), \(bytes(folder.bytes))"
                    + (byQuota > 0 ? " (\(byQuota) for the quota)" : ""))
        }
        return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
    }

    static func run(_ report: AccountRunReport) -> String {
        var lines = [
            "\(report.account): \(report.archived) archived, \(report.expunged) removed from the server"
                + quota(report.quotaBefore, report.quotaAfter, pressure: false)
        ]
        for folder in report.folders {
            var parts = ["\(folder.archived) archived"]
            if folder.alreadyArchived > 0 { parts.append("\(folder.alreadyArchived) already in the archive") }
            parts.append("\(folder.expunged) removed")
            if folder.leftOnServer > 0 { parts.append("\(folder.leftOnServer) left on the server") }
            if folder.vanished > 0 { parts.append("\(folder.vanished) gone meanwhile") }
            if folder.tooLarge > 0 { parts.append("\(folder.tooLarge) too large, left") }
            if folder.mismatched > 0 { parts.append("\(folder.mismatched) NOT VERIFIED, left on the server") }
            lines.append("  \(folder.folder): " + parts.joined(separator: ", ") + (folder.note.map { "; \($0)" } ?? ""))
        }
        if report.resumed > 0 {
            lines.append("  \(count(report.resumed)) marked deleted by an interrupted run, found archived: removed")
        }
        if !report.hasUIDPLUS && report.leftOnServer > 0 {
            lines.append(
                "  the server has no UIDPLUS: \(count(report.leftOnServer)) archived but left on the server (a plain "
                    + "EXPUNGE would also remove what other clients marked deleted)")
        }
        if let problem = report.textIndexProblem { lines.append("  not yet searchable by words: \(problem)") }
        return lines.map { TerminalText.escaped($0) }.joined(separator: "\n") + "\n"
    }

    static func quota(_ before: QuotaUse?, _ after: QuotaUse?, pressure: Bool) -> String {
        guard let before else { return "" }
        var text = String(format: "; quota %.1f %%", before.percent)
        if let after { text += String(format: " → %.1f %%", after.percent) }
        text += " of \(bytes(before.limitBytes))"
        return text + (pressure ? " (quota pressure)" : "")
    }

    static func count(_ messages: Int) -> String { "\(messages) message" + (messages == 1 ? "" : "s") }

    /// "812 KiB", "3.4 MiB".
    static func bytes(_ value: UInt64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        guard unit > 0 else { return "\(value) bytes" }
        return String(format: amount < 10 ? "%.1f" : "%.0f", amount) + " " + units[unit]
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
