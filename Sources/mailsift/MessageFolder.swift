import ArgumentParser
import Foundation

/// Loads every message file below a folder into memory (for benchmarks).
enum MessageFolder {
    static func load(_ path: String) throws -> [[UInt8]] {
        let root = URL(fileURLWithPath: path)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw ValidationError("\(path): cannot be read") }
        var messages: [[UInt8]] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            // Skip the corpus's own bookkeeping files.
            if ["md", "tsv", "json"].contains(url.pathExtension) { continue }
            messages.append(try MessageFile.read(url.path))
        }
        return messages
    }
}
