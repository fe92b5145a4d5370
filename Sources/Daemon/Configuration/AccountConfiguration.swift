/// One mailbox the daemon watches: an `[[account]]` table of the main file, or a file of `accounts_dir`.
public struct AccountConfiguration: Sendable, Hashable {
    /// How the connection is protected (`security`).
    public enum Security: String, Sendable, Hashable, CaseIterable {
        /// TLS from the first byte; port 993 by default.
        case tls
        /// STARTTLS before anything else is said; port 143 by default.
        case starttls
        /// No encryption: refused unless the host is loopback or `allow_plaintext = true`.
        case plain

        public var defaultPort: Int { self == .tls ? 993 : 143 }
    }

    /// How the daemon logs in (`auth`).
    public enum Authentication: String, Sendable, Hashable, CaseIterable {
        /// LOGIN user password (with `master_user`: `user*master` and the master's password).
        case login
        /// AUTHENTICATE PLAIN (with `master_user`: the master's credentials acting for `username`).
        case plain
        /// AUTHENTICATE XOAUTH2 with a bearer token (Google, Microsoft), usually from `password_command`.
        case xoauth2
        /// AUTHENTICATE OAUTHBEARER (RFC 7628) with a bearer token.
        case oauthbearer
    }

    /// `name`: unique, and the folder of the account's scripts under `user_rules`.
    public var name: String
    public var host: String
    public var port: Int
    public var security: Security
    public var username: String
    /// `master_user`: log in with this (Dovecot master) user's secret on behalf of `username`.
    public var masterUser: String?
    public var authentication: Authentication
    /// Where the password or token comes from; read at each connection, never at load.
    public var secret: SecretSource
    /// `folders`: watched folders, `["INBOX"]` by default.
    public var folders: [String]
    /// `ca_file`: PEM certificates to trust instead of the system's.
    public var caFile: String?
    /// `allow_plaintext`: accept `security = "plain"` off loopback (warned about at every load).
    public var allowPlaintext: Bool
    /// `enabled = false` keeps an account in the file without running it.
    public var enabled: Bool
    /// `archive.*` (or `archive = { … }`): this account's own archiving settings, over `[archive]`'s.
    public var archive = ArchiveSettings()

    public init(
        name: String, host: String, port: Int? = nil, security: Security = .tls, username: String,
        masterUser: String? = nil, authentication: Authentication = .login, secret: SecretSource,
        folders: [String] = ["INBOX"], caFile: String? = nil, allowPlaintext: Bool = false, enabled: Bool = true
    ) {
        self.name = name
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.masterUser = masterUser
        self.authentication = authentication
        self.secret = secret
        self.folders = folders
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.enabled = enabled
    }
}
