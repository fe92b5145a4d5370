import IMAPCore

/// Where and how to connect. Secure by default: implicit TLS with the system's trusted certificates; plaintext
/// only when asked for by name (`.plaintext`), which the daemon allows for loopback test servers only.
public struct IMAPClientConfiguration: Sendable {
    public enum Security: Sendable, Hashable {
        /// TLS from the first byte (port 993).
        case tls
        /// Plain connection upgraded with STARTTLS before anything else is said (port 143).
        case startTLS
        /// No encryption at all.
        case plaintext
    }

    public struct Timeouts: Sendable, Hashable {
        public var connect: Duration
        public var greeting: Duration
        /// For each command, from its sending to its tagged answer.
        public var command: Duration
        /// How long a connection given up on (a timeout, `abandon()`) waits for the server to end the session,
        /// which a server busy with a command does only once it is done with it. Not tied to `command`: a short
        /// command timeout must not cut that wait short.
        public var serverEnd: Duration

        public init(
            connect: Duration = .seconds(15), greeting: Duration = .seconds(30), command: Duration = .seconds(120),
            serverEnd: Duration = .seconds(120)
        ) {
            self.connect = connect
            self.greeting = greeting
            self.command = command
            self.serverEnd = serverEnd
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// A PEM file of certificates to trust instead of the system's (a private CA, a self-signed server).
    public var trustedCAFile: String?
    /// The name the certificate must carry (and SNI). Default: `host`; for an IP address, the certificate
    /// must name that address.
    public var serverName: String?
    public var timeouts: Timeouts
    public var limits: IMAPLimits

    public init(
        host: String, port: Int, security: Security = .tls, trustedCAFile: String? = nil, serverName: String? = nil,
        timeouts: Timeouts = Timeouts(), limits: IMAPLimits = .default
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.trustedCAFile = trustedCAFile
        self.serverName = serverName
        self.timeouts = timeouts
        self.limits = limits
    }
}
