import Foundation
import MailMessage

extension StatusReport {
    /// The report for a terminal: one block for the daemon, one line per account, then what is wrong.
    /// Errors quote servers and rule files: their control characters are escaped, so none can drive the
    /// terminal or forge a line.
    public func text(now: Date = Date()) -> String {
        var lines: [String] = []
        if running, let upSince, let pid {
            let since = Date(timeIntervalSince1970: TimeInterval(upSince))
            lines.append(
                "mailsift is running (pid \(pid)), up since \(Self.format(since)) (\(Self.age(now.timeIntervalSince(since))))"
            )
        } else {
            lines.append("mailsift is not running")
        }
        lines.append("filed: \(filedLastHour) in the last hour, \(filedLastDay) in the last day")
        for error in administratorRuleErrors { lines.append("administrator rules: \(TerminalText.escaped(error))") }
        lines.append("")
        let width = max(7, accounts.map(\.name.count).max() ?? 0)
        lines.append(
            "ACCOUNT".padding(toLength: width, withPad: " ", startingAt: 0)
                + "  STATE                RULES  HOUR   DAY  QUOTA")
        for account in accounts {
            let quota =
                account.quota.first { $0.resource.uppercased() == "STORAGE" }
                .map { "\($0.percent.formatted())% of \(Self.kibibytes($0.limit))" } ?? "-"
            lines.append(
                account.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + account.state.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + String(format: " %5d %5d %5d  ", account.rules, account.filedLastHour, account.filedLastDay)
                    + quota)
        }
        let archived = accounts.compactMap(\.archive)
        if !archived.isEmpty {
            lines.append("")
            lines.append("archive (last run of each account):")
            for run in archived { lines.append("  " + Self.archiveLine(run)) }
        }
        let troubled = accounts.filter { $0.lastError != nil || !$0.ruleErrors.isEmpty }
        if !troubled.isEmpty { lines.append("") }
        for account in troubled {
            if let error = account.lastError {
                let retry =
                    account.retryAt.map {
                        " (next attempt \(Self.format(Date(timeIntervalSince1970: TimeInterval($0)))))"
                    } ?? ""
                lines.append("\(account.name): last error: \(TerminalText.escaped(error))\(retry)")
            }
            for error in account.ruleErrors {
                lines.append(
                    "\(account.name): broken rule, the last good rules run meanwhile: \(TerminalText.escaped(error))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `jeanne: 2026-12-01 02:31:10 +01:00 (schedule): ok, 120 archived, 120 expunged; quota 92.1% → 71.3%;
    /// archive 14.2 MiB on disk, 1,234 messages, 0.31 × their size`.
    static func archiveLine(_ run: ArchiveRunRecord) -> String {
        let when = format(Date(timeIntervalSince1970: TimeInterval(run.startedAt)))
        var parts = [
            "\(run.account): \(when) (\(run.trigger.rawValue)): "
                + (run.succeeded ? "ok" : "failed: \(TerminalText.escaped(run.outcome))")
                + ", \(run.archived) archived, \(run.expunged) deleted from the server"
        ]
        if run.leftOnServer > 0 {
            parts.append(
                "\(run.leftOnServer) archived but left on the server"
                    + (run.withoutUIDPLUS ? " (the server has no UIDPLUS)" : ""))
        }
        if let before = run.quotaBeforePercent {
            let after = run.quotaAfterPercent.map { "\($0.formatted(.number.precision(.fractionLength(1))))%" } ?? "?"
            parts.append("quota \(before.formatted(.number.precision(.fractionLength(1))))% → \(after)")
        }
        if let bytes = run.storeBytes, let messages = run.storeMessages {
            var store = "archive \(kibibytes(UInt64(max(0, bytes)) / 1024)) on disk, \(messages) messages"
            if let raw = run.storeRawBytes, raw > 0 {
                let ratio = Double(bytes) / Double(raw)
                store += ", \(ratio.formatted(.number.precision(.fractionLength(2)))) × their size"
            }
            parts.append(store)
        }
        return parts.joined(separator: "; ")
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss ZZZZZ"
        return formatter.string(from: date)
    }

    static func age(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return "\(minutes / 1440) days"
    }

    static func kibibytes(_ value: UInt64) -> String {
        value >= 1 << 20
            ? "\((Double(value) / Double(1 << 20)).formatted(.number.precision(.fractionLength(1)))) GiB"
            : value >= 1024 ? "\(value / 1024) MiB" : "\(value) KiB"
    }
}
