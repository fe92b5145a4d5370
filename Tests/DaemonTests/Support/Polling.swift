import Foundation
import Testing

/// Polls `condition` every `interval` until it holds (true) or `seconds` pass (false).
func eventually(
    _ seconds: Double = 120, every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return false
}

/// Saves as editors do: a temporary file renamed into place (inotify sees IN_MOVED_TO).
func saveRenamingIntoPlace(_ text: String, _ path: String) throws {
    let temporary = (path as NSString).deletingLastPathComponent + "/.tmp-" + UUID().uuidString
    try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    #expect(rename(temporary, path) == 0)
}
