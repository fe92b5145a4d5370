import Daemon
import Foundation
import IMAPClient
import NIOPosix

/// One account's archiving as the configuration describes it: its policy, its store
/// (`<state_dir>/archive/<account>/`), its connection; `plan` and `run` for `mailsift archive plan|run` (and,
/// later, the daemon's schedule).
public struct AccountArchiver: Sendable {
    public let account: AccountConfiguration
    public let policy: AccountArchivePolicy
    public let storeDirectory: String
    public var options = ArchiveRunOptions()

    public init(_ configuration: DaemonConfiguration, account: AccountConfiguration) {
        self.account = account
        policy = AccountArchivePolicy(configuration, account: account)
        storeDirectory = Self.storeDirectory(stateDirectory: configuration.stateDirectory, account: account.name)
    }

    /// `<state_dir>/archive/<account>`: one store per account.
    public static func storeDirectory(stateDirectory: String, account: String) -> String {
        stateDirectory + "/archive/" + account
    }

    /// A logged-in connection with the account's settings, its secret read now (on `secrets`).
    public func connect(secrets: NIOThreadPool = .singleton) async throws -> IMAPConnection {
        try await account.connect(secrets: secrets)
    }

    /// What a run would move now. Changes nothing.
    public func plan(on connection: IMAPConnection, now: Date = Date()) async throws -> AccountPlan {
        try await ArchivePlanner(account: account.name, policy: policy, now: now).plan(on: connection)
    }

    /// Plans and runs at once: what `mailsift archive run` does for each account.
    public func run(
        on connection: IMAPConnection, now: Date = Date(), progress: @Sendable (ArchiveProgress) -> Void = { _ in }
    ) async throws -> AccountRunReport {
        let plan = try await plan(on: connection, now: now)
        let runner = try ArchiveRunner(
            account: account.name, storeDirectory: storeDirectory, fetchBudget: policy.fetchBudget, options: options)
        return try await runner.run(plan, on: connection, progress: progress)
    }
}
