import ArgumentParser
import Foundation

/// Loads every message file below a folder into memory (a benchmark's corpus, read before the clock starts).
enum MessageFolder {
    /// Files above this size are refused rather than read whole (as `mailsift` refuses them).
    static let maxBytes = 256 << 20

    static func load(_ path: String) throws -> [[UInt8]] {
        let root = URL(fileURLWithPath: path)
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey], options: [.skipsHiddenFiles])
        else { throw ValidationError("\(path): cannot be read") }
        var messages: [[UInt8]] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            // Skip the corpus's own bookkeeping files.
            if ["md", "tsv", "json"].contains(url.pathExtension) { continue }
            if let size = values?.fileSize, size > maxBytes {
                throw ValidationError(
                    "\(url.path): \(size) bytes is larger than the \(maxBytes >> 20) MiB a message may have")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ValidationError("\(url.path): cannot be read (permissions?)")
            }
            messages.append([UInt8](data))
        }
        return messages
    }
}
