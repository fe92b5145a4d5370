import IMAPClient
import IMAPCore
import TestSupport

@testable import Daemon

/// What most daemon tests start from: an account of their own on the test Dovecot, logged in, with the
/// folders the test rules file into, and a state store in a temporary folder.
struct DaemonTestSetup {
    let user: String
    let directory: TemporaryFolder
    let store: StateStore
    let connection: IMAPConnection

    static func make(creating folders: [String] = ["Listes", "Archives"]) async throws -> DaemonTestSetup {
        let user = DaemonTestAccounts.newUser()
        let directory = TemporaryFolder("daemon")
        let store = try StateStore(directory: directory.path)
        let connection = try await DaemonTestAccounts.connect(user)
        for name in folders { try await connection.execute(.create(MailboxName(name))) }
        return DaemonTestSetup(user: user, directory: directory, store: store, connection: connection)
    }

    func finish() async {
        await connection.logout()
        directory.remove()
    }
}
