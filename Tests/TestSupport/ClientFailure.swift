import IMAPClient
import Testing

/// The `IMAPClientError` that `body` ends with, or nil when it succeeds; any other error is recorded as an issue.
/// The fault tests assert what a failing server makes the client say.
public func clientFailure(_ body: () async throws -> Void) async -> IMAPClientError? {
    do {
        try await body()
        return nil
    } catch let error as IMAPClientError {
        return error
    } catch {
        Issue.record("not an IMAPClientError: \(error)")
        return nil
    }
}
