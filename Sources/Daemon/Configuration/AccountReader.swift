/// Reads and checks one account's table: an `[[account]]` of the main file, or the top level of an `accounts_dir`
/// file. Every problem is recorded; the account is returned only when it has none.
struct AccountReader {
    let options: ConfigurationLoadOptions
    let problems: ProblemCollector

    static let keys = [
        "name", "host", "port", "security", "username", "master_user", "auth", "password_file", "password_credential",
        "password_command", "folders", "ca_file", "allow_plaintext", "enabled", "archive",
    ]
    static let secretKeys = ["password_file", "password_credential", "password_command"]

    func read(_ table: TableReader, hints: [String: String] = [:]) -> AccountConfiguration? {
        let before = problems.errorCount
        let name = table.string(
            "name", required: "the account's name (also the folder of its scripts under user_rules)",
            maxBytes: ConfigurationLimits.pathBytes)
        if let name, let problem = Self.accountNameProblem(name) { table.error("name", problem) }
        let host = table.string(
            "host", required: "the IMAP server's name or address", maxBytes: ConfigurationLimits.hostBytes)
        if let host, host.contains(where: { $0 == " " || $0 == "/" }) {
            table.error("host", "\(TableReader.shown(host)) is not a host name or address")
        }
        let security = table.choice("security", default: AccountConfiguration.Security.tls)
        let port = table.int("port", default: security.defaultPort, range: 1...65_535, unit: "a TCP port")
        let username = table.string(
            "username", required: "the user name to log in with", maxBytes: ConfigurationLimits.userBytes)
        let masterUser = table.string("master_user", maxBytes: ConfigurationLimits.userBytes)
        let authentication = table.choice("auth", default: AccountConfiguration.Authentication.login)
        let secret = readSecret(table)
        let folders = readFolders(table)
        let caFile = table.path("ca_file")
        let allowPlaintext = table.bool("allow_plaintext", default: false)
        let enabled = table.bool("enabled", default: true)
        let archive = ArchiveSettingsReader.read("archive", of: table)
        table.rejectUnknownKeys(known: Self.keys, hints: hints)

        if masterUser != nil && (authentication == .xoauth2 || authentication == .oauthbearer) {
            table.error("master_user", "works with auth = login or plain, not \(authentication.rawValue)")
        }
        if let host, security == .plain, !HostAddress.isLoopback(host) {
            if allowPlaintext {
                table.warning(
                    "security",
                    "\"plain\": the password and every message travel unencrypted to \(TableReader.shown(host)) "
                        + "(allowed by allow_plaintext = true)")
            } else {
                table.error(
                    "security",
                    "\"plain\" would send the password unencrypted to \(TableReader.shown(host)): refused off loopback; "
                        + "use tls or starttls, or set allow_plaintext = true if the network is trusted")
            }
        }
        if options.checkFiles, let caFile, let problem = FileChecks.readableFileProblem(caFile) {
            table.error("ca_file", problem)
        }

        guard problems.errorCount == before, let name, let host, let username, let secret, let folders else {
            return nil
        }
        var account = AccountConfiguration(
            name: name, host: host, port: port, security: security, username: username, masterUser: masterUser,
            authentication: authentication, secret: secret, folders: folders, caFile: caFile,
            allowPlaintext: allowPlaintext, enabled: enabled)
        account.archive = archive
        return account
    }

    /// Why `name` cannot name an account, or nil. It is a folder under `user_rules` and appears in logs and status.
    static func accountNameProblem(_ name: String) -> String? {
        let why = "it names the account's folder under user_rules"
        if name.utf8.count > ConfigurationLimits.accountNameBytes {
            return "is \(name.utf8.count) bytes long; at most \(ConfigurationLimits.accountNameBytes) (\(why))"
        }
        if name.contains("/") { return "must not contain / (\(why))" }
        if name.hasPrefix(".") { return "must not start with a dot (\(why))" }
        guard let first = name.first, let last = name.last else { return "must not be empty" }
        if first.isWhitespace || last.isWhitespace {
            return "must not start or end with a space"
        }
        if name.unicodeScalars.contains(where: {
            [.control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate].contains(
                $0.properties.generalCategory)
        }) {
            return "must be printable text"
        }
        return nil
    }

    private func readFolders(_ table: TableReader) -> [String]? {
        guard table.has("folders") else {
            _ = table.value("folders")
            return ["INBOX"]
        }
        guard
            let folders = table.strings(
                "folders", maxCount: ConfigurationLimits.foldersPerAccount, maxBytes: ConfigurationLimits.folderBytes)
        else { return nil }
        guard !folders.isEmpty else {
            table.error("folders", "must name at least one folder (INBOX when the key is left out)")
            return nil
        }
        // INBOX is INBOX in any case (RFC 3501 5.1): "INBOX" and "inbox" are one folder, filed twice otherwise.
        var seen: Set<String> = []
        for folder in folders where !seen.insert(folder.uppercased() == "INBOX" ? "INBOX" : folder).inserted {
            table.error("folders", "names \(TableReader.shown(folder)) twice")
            return nil
        }
        return folders
    }

    /// Exactly one of the three secret keys, checked on disk when `checkFiles` is on. Never read here: the secret
    /// is read when connecting.
    private func readSecret(_ table: TableReader) -> SecretSource? {
        let given = Self.secretKeys.filter { table.has($0) }
        guard let key = given.first else {
            table.missing(
                "password_file", "one of password_file, password_credential or password_command gives the password")
            return nil
        }
        for other in given.dropFirst() {
            _ = table.value(other)
            table.error(
                other, "only one of password_file, password_credential, password_command may be given; \(key) is too")
        }
        switch key {
        case "password_file":
            guard let path = table.path(key) else { return nil }
            if options.checkFiles, let problem = SecretFile.problem(path: path) { table.error(key, problem) }
            return .file(path)
        case "password_credential":
            guard let name = table.string(key, maxBytes: 255) else { return nil }
            guard !name.contains("/"), name != ".", name != ".." else {
                table.error(key, "\(TableReader.shown(name)) is not a credential name (a file name, without /)")
                return nil
            }
            if options.checkFiles {
                if let directory = options.credentialsDirectory {
                    if FileChecks.readableFileProblem(directory + "/" + name) != nil {
                        table.error(
                            key,
                            "no readable credential \(name) in $CREDENTIALS_DIRECTORY (\(directory)); add "
                                + "LoadCredential=\(name):PATH to the service")
                    }
                } else {
                    let message =
                        "$CREDENTIALS_DIRECTORY is not set: the daemon must run as a systemd service with "
                        + "LoadCredential=\(name):PATH"
                    if options.credentialsDirectoryRequired {
                        table.error(key, message)
                    } else {
                        table.warning(key, message)
                    }
                }
            }
            return .credential(name: name, directory: options.credentialsDirectory)
        default:
            guard
                var arguments = table.strings(
                    key, maxCount: ConfigurationLimits.commandArguments,
                    maxBytes: ConfigurationLimits.commandArgumentBytes)
            else { return nil }
            guard !arguments.isEmpty else {
                table.error(
                    key, "must name a program to run, e.g. [\"/usr/bin/oama\", \"access\", \"alice@example.org\"]")
                return nil
            }
            if arguments[0].contains("/") { arguments[0] = table.resolve(arguments[0]) }
            if options.checkFiles, let problem = FileChecks.programProblem(arguments[0], searchPath: options.searchPath)
            {
                table.error(key, problem)
            }
            return .command(arguments)
        }
    }
}
