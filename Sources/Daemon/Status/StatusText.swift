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
