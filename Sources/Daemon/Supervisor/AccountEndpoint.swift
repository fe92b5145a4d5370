import IMAPClient

/// One account as a supervisor needs it: its name, the folders it watches, and how to get a logged-in
/// connection (the configuration decides server, TLS and credentials; the secret is read at each login, so a
/// token that expires or a password file that changes is picked up).
public struct AccountEndpoint: Sendable {
    public var name: String
    public var folders: [String]
    public var connect: @Sendable () async throws -> IMAPConnection

    public init(name: String, folders: [String], connect: @escaping @Sendable () async throws -> IMAPConnection) {
        self.name = name
        self.folders = folders
        self.connect = connect
    }
}
