import TOMLKit

extension DaemonConfiguration {
    static let keys = [
        "state_dir", "admin_rules", "user_rules", "accounts_dir", "log_days", "batch_size", "idle_renewal_minutes",
        "poll_seconds", "account", "spam", "archive",
    ]

    /// Reads `file` and every `accounts_dir/*.toml`, and checks everything before anything starts: the report holds
    /// the configuration only when there is no error, and every error found (not only the first), each with
    /// `file:line: key`. Never throws; `report.validConfiguration()` turns it into a value or an error.
    ///
    /// An `accounts_dir` file holds one account, its keys at the top level (`name = "alice"`, `host = …`), without
    /// `[[account]]`: one file per account is what a script writing 47,000 of them produces most simply.
    public static func load(file: String, options: ConfigurationLoadOptions = .daemon()) -> ConfigurationReport {
        let problems = ProblemCollector()
        var files = [file]
        let configuration = read(file, options: options, problems: problems, files: &files)
        return ConfigurationReport(
            configuration: problems.hasErrors ? nil : configuration,
            errors: problems.sorted(problems.errors, fileOrder: files),
            warnings: problems.sorted(problems.warnings, fileOrder: files), omittedErrors: problems.omitted)
    }

    private static func read(
        _ file: String, options: ConfigurationLoadOptions, problems: ProblemCollector, files: inout [String]
    ) -> DaemonConfiguration? {
        guard let main = ConfigurationFile.load(file, maxBytes: ConfigurationLimits.mainFileBytes, problems: problems)
        else { return nil }
        let root = TableReader(
            table: main.table, file: file, lines: main.lines, scope: .root, problems: problems,
            baseDirectory: main.directory)
        let stateDirectory = root.path("state_dir", required: "the folder of the state store, e.g. /var/lib/mailsift")
        let adminRules = root.path("admin_rules")
        let userRules = root.path(
            "user_rules", required: "the folder of the accounts' own scripts, e.g. /var/lib/mailsift/rules")
        let accountsDirectory = root.path("accounts_dir")
        let logDays = root.int("log_days", default: Defaults.logDays, range: 1...3_650, unit: "days")
        let batchSize = root.int("batch_size", default: Defaults.batchSize, range: 1...10_000, unit: "messages")
        let idleMinutes = root.int("idle_renewal_minutes", default: 29, range: 1...29, unit: "minutes")
        let pollSeconds = root.int("poll_seconds", default: 60, range: 5...86_400, unit: "seconds")
        let archive = ArchiveSettingsReader.read("archive", of: root, defaults: true)

        let accountReader = AccountReader(options: options, problems: problems)
        var accounts: [(account: AccountConfiguration, file: String, line: Int)] = []
        if let value = root.value("account") {
            if let array = value.array, array.allSatisfy({ $0.type == .table }) {
                if array.count > ConfigurationLimits.accountsPerFile {
                    root.error(
                        "account",
                        "\(array.count) accounts; at most \(ConfigurationLimits.accountsPerFile) in one file (use accounts_dir)"
                    )
                } else {
                    for (index, element) in array.enumerated() {
                        let reader = TableReader(
                            table: element.table!, file: file, lines: main.lines, scope: .account(index),
                            problems: problems, baseDirectory: main.directory)
                        if let account = accountReader.read(reader) {
                            accounts.append((account, file, reader.line("name")))
                        }
                    }
                }
            } else {
                root.error(
                    "account",
                    "expected [[account]] tables, found \(TableReader.described(value.type)); write [[account]], with "
                        + "two brackets, above each account's keys")
            }
        }
        let spam = readSpam(root, file: file, lines: main.lines, directory: main.directory, problems: problems)
        root.rejectUnknownKeys(known: keys)

        if options.checkFiles {
            for (key, path) in [("admin_rules", adminRules), ("user_rules", userRules)] {
                if let path, let problem = FileChecks.folderProblem(path) { root.error(key, problem) }
            }
            if let stateDirectory, FileChecks.folderProblem(stateDirectory) != nil,
                FileChecks.readableFileProblem(stateDirectory) == nil
            {
                root.error("state_dir", "\(stateDirectory) is a file, not a folder")
            }
        }

        if let accountsDirectory {
            accounts += readAccountsDirectory(
                accountsDirectory, line: root.line("accounts_dir"), mainFile: file, options: options,
                reader: accountReader, files: &files)
        }

        var firstUse: [String: (file: String, line: Int)] = [:]
        for entry in accounts {
            if let first = firstUse[entry.account.name] {
                problems.error(
                    entry.file, entry.line, "name",
                    "\(TableReader.shown(entry.account.name)) is already the name of the account at "
                        + "\(first.file):\(first.line); names must be unique (each is a folder under user_rules)")
            } else {
                firstUse[entry.account.name] = (entry.file, entry.line)
            }
        }
        if accounts.count > ConfigurationLimits.accounts {
            problems.error(
                file, 1, nil,
                "\(accounts.count) accounts; at most \(ConfigurationLimits.accounts) in one daemon (split them with --shard)"
            )
        }
        if accounts.isEmpty && !problems.hasErrors {
            problems.warning(file, 1, nil, "no account is configured: the daemon has nothing to watch")
        }

        guard let stateDirectory, let userRules else { return nil }
        var configuration = DaemonConfiguration(
            file: file, stateDirectory: stateDirectory, adminRules: adminRules, userRules: userRules,
            accountsDirectory: accountsDirectory, logDays: logDays, batchSize: batchSize,
            idleRenewal: .seconds(idleMinutes * 60), pollInterval: .seconds(pollSeconds),
            accounts: accounts.map(\.account))
        configuration.spam = spam
        configuration.archive = archive
        return configuration
    }

    /// The `[spam]` table, or the defaults when there is none.
    private static func readSpam(
        _ root: TableReader, file: String, lines: TOMLKeyLines, directory: String, problems: ProblemCollector
    ) -> SpamConfiguration {
        guard let value = root.value("spam") else { return SpamConfiguration() }
        guard let table = value.table else {
            root.error("spam", "expected a [spam] table, found \(TableReader.described(value.type))")
            return SpamConfiguration()
        }
        return SpamConfiguration.read(
            TableReader(
                table: table, file: file, lines: lines, scope: .named("spam"), problems: problems,
                baseDirectory: directory))
    }

    /// Each `*.toml` of `accounts_dir`, in name order, one account per file with its keys at the top level.
    private static func readAccountsDirectory(
        _ folder: String, line: Int, mainFile: String, options: ConfigurationLoadOptions, reader: AccountReader,
        files: inout [String]
    ) -> [(account: AccountConfiguration, file: String, line: Int)] {
        let problems = reader.problems
        if !options.checkFiles && FileChecks.folderProblem(folder) != nil { return [] }
        let paths: [String]
        switch FileChecks.accountFiles(in: folder, limit: ConfigurationLimits.accountFiles) {
        case .success(let found): paths = found
        case .failure(let error):
            problems.error(mainFile, line, "accounts_dir", error.message)
            return []
        }
        var accounts: [(account: AccountConfiguration, file: String, line: Int)] = []
        for path in paths {
            files.append(path)
            guard
                let file = ConfigurationFile.load(
                    path, maxBytes: ConfigurationLimits.accountFileBytes, problems: problems)
            else { continue }
            let table = TableReader(
                table: file.table, file: path, lines: file.lines, scope: .root, problems: problems,
                baseDirectory: file.directory)
            let hint = "a file of accounts_dir holds one account, its keys at the top level, without [[account]]"
            if let account = reader.read(table, hints: ["account": hint]) {
                accounts.append((account, path, table.line("name")))
            }
        }
        return accounts
    }
}
