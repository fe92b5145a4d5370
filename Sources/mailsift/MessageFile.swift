import ArgumentParser
import Foundation

/// Reads a message file for the commands, with an error a person can act on.
enum MessageFile {
    /// Files above this size are refused rather than read whole into memory.
    static let maxBytes = 256 << 20

    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile().prefix(maxBytes))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ValidationError("\(path): is a folder, not a message file") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw ValidationError("\(path): \(size) bytes is larger than the \(maxBytes >> 20) MiB a message may have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot be read (permissions?)")
        }
        return [UInt8](data)
    }
}
