import Foundation

/// What loading a configuration checks beyond the file itself.
public struct ConfigurationLoadOptions: Sendable {
    /// Check what the configuration names on disk: `password_file` exists, is a regular file and is private to its
    /// owner; `ca_file` is readable; `admin_rules`, `user_rules` are folders; a `password_command` program exists;
    /// a `password_credential` is in the credentials folder. On for the daemon and `mailsift check`; off to
    /// validate a file written for another machine (and in the test of `mailsift.example.toml`, whose paths are
    /// under /etc). The file's own content is always checked in full.
    public var checkFiles: Bool
    /// `$CREDENTIALS_DIRECTORY`, where systemd puts `LoadCredential=` files; nil when unset.
    public var credentialsDirectory: String?
    /// An account using `password_credential` with no credentials folder is an error for the daemon (it could
    /// never log in), a warning for `mailsift check` run from a shell, outside the service.
    public var credentialsDirectoryRequired: Bool
    /// `$PATH`, to find a `password_command` program named without a slash.
    public var searchPath: String?

    public init(
        checkFiles: Bool = true, credentialsDirectory: String? = nil, credentialsDirectoryRequired: Bool = true,
        searchPath: String? = nil
    ) {
        self.checkFiles = checkFiles
        self.credentialsDirectory = credentialsDirectory
        self.credentialsDirectoryRequired = credentialsDirectoryRequired
        self.searchPath = searchPath
    }

    /// For `mailsift run`: everything checked, credentials required.
    public static func daemon(environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        Self(
            checkFiles: true, credentialsDirectory: environment["CREDENTIALS_DIRECTORY"],
            credentialsDirectoryRequired: true, searchPath: environment["PATH"])
    }

    /// For `mailsift check --config`: everything checked; a missing credentials folder is only a warning.
    public static func check(environment: [String: String] = ProcessInfo.processInfo.environment) -> Self {
        Self(
            checkFiles: true, credentialsDirectory: environment["CREDENTIALS_DIRECTORY"],
            credentialsDirectoryRequired: false, searchPath: environment["PATH"])
    }
}
