import Foundation
import Testing

/// Polls `condition` every `interval` until it holds (true) or `seconds` pass (false).
func eventually(
    _ seconds: Double = 120, every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    // The condition is looked at once more after the deadline: a test starved of its thread for the whole wait
    // (tests that wait synchronously for a child process hold the cooperative pool's threads, two on this machine)
    // must not fail for a condition that came true meanwhile.
    while true {
        if try await condition() { return true }
        if Date() >= deadline { return false }
        try await Task.sleep(for: interval)
    }
}

/// Saves as editors do: a temporary file renamed into place (inotify sees IN_MOVED_TO).
func saveRenamingIntoPlace(_ text: String, _ path: String) throws {
    let temporary = (path as NSString).deletingLastPathComponent + "/.tmp-" + UUID().uuidString
    try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    #expect(rename(temporary, path) == 0)
}
