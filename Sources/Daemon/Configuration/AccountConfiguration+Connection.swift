import IMAPClient
import IMAPCore
import NIOPosix

extension AccountConfiguration {
    /// Where and how to connect: TLS verification always on (the system's trust store, or `ca_file` instead).
    public func imapClientConfiguration(
        timeouts: IMAPClientConfiguration.Timeouts = .init(), limits: IMAPLimits = .default
    ) -> IMAPClientConfiguration {
        let security: IMAPClientConfiguration.Security =
            switch self.security {
            case .tls: .tls
            case .starttls: .startTLS
            case .plain: .plaintext
            }
        return IMAPClientConfiguration(
            host: host, port: port, security: security, trustedCAFile: caFile, timeouts: timeouts, limits: limits)
    }

    /// Reads the secret now and says how to log in with it. Blocking (a `password_command` runs up to `timeout`):
    /// from async code, use `credentials(on:)`, which runs this on a thread pool.
    public func readCredentials(timeout: Duration = ConfigurationLimits.commandTimeout) throws(SecretError)
        -> AccountCredentials
    {
        let secret: Secret
        do throws(SecretError) {
            secret = try self.secret.read(timeout: timeout)
        } catch {
            throw SecretError("account \(name): \(error.message)")
        }
        switch authentication {
        case .login:
            // Dovecot's master user login: "user*master" with the master's password.
            return .login(user: masterUser.map { "\(username)*\($0)" } ?? username, password: secret)
        case .plain:
            if let masterUser { return .plain(authorizationID: username, user: masterUser, password: secret) }
            return .plain(authorizationID: "", user: username, password: secret)
        case .xoauth2:
            return .xoauth2(user: username, token: secret)
        case .oauthbearer:
            return .oauthBearer(user: username, token: secret)
        }
    }

    /// `readCredentials(timeout:)` on a thread of `pool`, never on the cooperative pool that runs the IMAP timers.
    public func credentials(
        on pool: NIOThreadPool = .singleton, timeout: Duration = ConfigurationLimits.commandTimeout
    ) async throws -> AccountCredentials {
        try await pool.runIfActive { try self.readCredentials(timeout: timeout) }
    }
}

/// How to log in, with the secret read for this connection. The secret is an `IMAPCore.Secret`: printing,
/// interpolating or dumping this value shows `<redacted>`, never the password.
public enum AccountCredentials: Sendable {
    case login(user: String, password: Secret)
    /// With a master user: `authorizationID` is the account, `user` the master.
    case plain(authorizationID: String, user: String, password: Secret)
    case xoauth2(user: String, token: Secret)
    case oauthBearer(user: String, token: Secret)

    /// Logs in on `connection` with these credentials.
    public func authenticate(_ connection: IMAPConnection) async throws {
        switch self {
        case .login(let user, let password):
            try await connection.login(user: user, password: password.exposed)
        case .plain(let authorizationID, let user, let password):
            try await connection.authenticatePlain(
                authorizationID: authorizationID, user: user, password: password.exposed)
        case .xoauth2(let user, let token):
            try await connection.authenticateXOAuth2(user: user, token: token.exposed)
        case .oauthBearer(let user, let token):
            try await connection.authenticateOAuthBearer(user: user, token: token.exposed)
        }
    }
}

extension AccountConfiguration {
    /// A logged-in connection with the account's settings, its secret read now (on `secrets`, never on the
    /// cooperative pool: a password command may take seconds); the connection is closed if the login fails.
    public func connect(secrets: NIOThreadPool = .singleton) async throws -> IMAPConnection {
        let credentials = try await credentials(on: secrets)
        let connection = try await IMAPConnection.connect(imapClientConfiguration())
        do {
            try await credentials.authenticate(connection)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }
}
