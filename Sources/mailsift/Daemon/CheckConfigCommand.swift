import ArgumentParser
import Daemon
import MailMessage

/// `mailsift check --config FILE`: validates a daemon configuration (the main file and `accounts_dir`) and prints
/// every problem as `file:line: key: message`; exits 1 on any error. With none, prints what would run. An option
/// group of `check`, so that `check` keeps one name for scripts and configurations.
struct CheckConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Validate a daemon configuration (mailsift.toml) and the rule folders it names, instead of scripts.",
            valueName: "file"))
    var file: String?

    /// Runs the check when `--config` was given and returns true (or throws `ExitCode(1)`); false otherwise, for
    /// `check` to check its scripts.
    func runIfGiven(scripts: [String]) throws -> Bool {
        guard let file else {
            if scripts.isEmpty { throw ValidationError("Give Sieve scripts or folders to check, or --config FILE.") }
            return false
        }
        guard scripts.isEmpty else {
            throw ValidationError("--config checks the rule folders the configuration names; give no scripts with it.")
        }
        let report = DaemonConfiguration.load(file: file, options: .check())
        for problem in report.errors { print(problem) }
        if report.omittedErrors > 0 { print("… and \(report.omittedErrors) more errors") }
        for warning in report.warnings { print(warning) }
        guard let configuration = report.configuration else {
            let count = report.errors.count + report.omittedErrors
            print("\(file): \(count) \(count == 1 ? "error" : "errors")")
            throw ExitCode(1)
        }
        printSummary(configuration)
        for pack in configuration.spam.missingPacks {
            print(
                "\(file): warning: rule pack \(pack) is not installed in \(configuration.spam.rulePacksDirectory): "
                    + "spam is scored without it (set [spam] rule_packs_dir, or leave it out of rule_packs)")
        }
        let ruleErrors = checkRuleFolders(of: configuration)
        if ruleErrors > 0 { throw ExitCode(1) }
        return true
    }

    private func printSummary(_ configuration: DaemonConfiguration) {
        let accounts = configuration.accounts
        let enabled = accounts.filter(\.enabled)
        let folders = enabled.reduce(0) { $0 + $1.folders.count }
        let disabled = accounts.count - enabled.count
        print(
            "\(configuration.file): ok: \(enabled.count) \(enabled.count == 1 ? "account" : "accounts")"
                + (disabled > 0 ? " (\(disabled) disabled)" : "")
                + ", \(folders) watched \(folders == 1 ? "folder" : "folders")")
        for account in accounts {
            let state = account.enabled ? "" : " (disabled)"
            print(
                "  \(account.name): \(account.username)@\(account.host):\(account.port) \(account.security.rawValue), "
                    + "\(account.secret.key), folders \(account.folders.joined(separator: ", "))\(state)")
        }
    }

    /// Checks each rule folder the configuration names (`configuration.ruleFolders(for:)`: `admin_rules`, then
    /// `<user_rules>/<account>` for every account), each compiled on its own so an error is reported once, and
    /// returns the number of folders with errors. A user's folder that does not exist is no error: that account
    /// has no rules of its own.
    func checkRuleFolders(of configuration: DaemonConfiguration) -> Int {
        var folders: [String] = []
        var seen: Set<String> = []
        for account in configuration.accounts {
            for folder in configuration.ruleFolders(for: account).all where seen.insert(folder).inserted {
                folders.append(folder)
            }
        }
        var broken = 0
        var scripts = 0
        for folder in folders {
            let rules = RuleLoad.compile([folder])
            scripts += rules.rules.scripts.count
            for error in rules.errors { print(TerminalText.escaped(error)) }
            if !rules.complete { broken += 1 }
        }
        print(
            "rules: \(scripts) \(scripts == 1 ? "script" : "scripts") in \(folders.count) \(folders.count == 1 ? "folder" : "folders")"
                + (broken > 0 ? ", \(broken) with errors" : ", all compile"))
        return broken
    }
}
