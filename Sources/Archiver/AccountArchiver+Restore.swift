import Archive
import IMAPClient

extension AccountArchiver {
    /// Restores the archived messages `query` matches (every one for nil): what `mailsift archive restore` does.
    public func restore(
        _ query: SearchQuery?, options: RestoreOptions, on connection: IMAPConnection,
        progress: @Sendable (ArchiveProgress) -> Void = { _ in }
    ) async throws -> RestoreReport {
        let restorer = try ArchiveRestorer(account: account.name, storeDirectory: storeDirectory, options: options)
        let candidates = try await restorer.candidates(matching: query)
        return try await restorer.restore(candidates, on: connection, progress: progress)
    }
}
